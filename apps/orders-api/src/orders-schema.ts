/** The schema orders-api keeps its tables in (apps may share a database). */
export const ORDERS_SCHEMA = 'orders_api';

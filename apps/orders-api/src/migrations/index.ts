import { CreateOrders1764345600000 } from './1764345600000-create-orders';
import { AddOrderPayment1764518400000 } from './1764518400000-add-order-payment';
import { CreateApiKeys1764604800000 } from './1764604800000-create-api-keys';

/** Every migration of orders-api, oldest first. */
export const ORDERS_MIGRATIONS = [CreateOrders1764345600000, AddOrderPayment1764518400000, CreateApiKeys1764604800000];

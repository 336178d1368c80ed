import { CreatePayments1764432000000 } from './1764432000000-create-payments';

/** Every migration of payments-api, oldest first. */
export const PAYMENTS_MIGRATIONS = [CreatePayments1764432000000];

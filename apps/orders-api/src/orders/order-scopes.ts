/** The scopes orders-api understands, in one place (`action:resource[:qualifier]`). */
export const OrderScopes = {
  /** Read one's own orders (same as `read:orders:own`). */
  read: 'read:orders',
  readOwn: 'read:orders:own',
  /** Read every order, whoever owns it. */
  readAny: 'read:orders:any',
  write: 'write:orders',
  /** Change an order's status (the job runner marks paid orders). */
  writeStatus: 'write:orders:status',
} as const;

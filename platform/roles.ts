/** A role an API key holds: admin (integration engineers), system (external systems), support, viewer. */
export type Role = 'admin' | 'system' | 'support' | 'viewer';

/** Every role, for tests that walk the route table. */
export const ROLES: readonly Role[] = ['admin', 'system', 'support', 'viewer'];

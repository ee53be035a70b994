import { SHARE_ACCESS, type ShareAccess } from './policy.ts';

export function isShareAccess(value: unknown): value is ShareAccess {
  return typeof value === 'string' && (SHARE_ACCESS as readonly string[]).includes(value);
}

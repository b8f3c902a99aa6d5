// The staff users (for owners and names) and the SLAs, loaded for the review and improvement screens.
import { api, unwrap, type Answer } from '../api/client.ts';
import { useLoad, type Loaded } from './hooks.ts';

export type User = Answer<'/api/v1/users'>['items'][number];

export interface Staff {
  readonly users: readonly User[];
  readonly nameOf: (id: string | null | undefined) => string;
}

/** Staff who can own an action; agents may not list users, and then owners show by id. */
export function useStaff(): Loaded<Staff> {
  return useLoad(async () => {
    const users = await unwrap(api.GET('/api/v1/users', { params: { query: { limit: 500 } } })).then(
      (answer) => answer.items.filter((u) => u.role !== 'customer' && !u.disabled),
      () => [] as User[],
    );
    const byId = new Map(users.map((u) => [u.id, u.name || u.email]));
    return { users, nameOf: (id) => (id ? (byId.get(id) ?? '—') : '—') };
  }, []);
}

/** Today as YYYY-MM-DD in the browser's calendar. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** YYYY-MM of the month `back` months before this one. */
export function monthsAgo(back: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

// Names for the ids in tickets and SLAs: customers, services, calendars and priorities, loaded once per screen.
import { api, unwrap, type Answer } from '../api/client.ts';
import { useLoad, type Loaded } from './hooks.ts';

export type Customer = Answer<'/api/v1/customers/{id}'>;
export type Service = Answer<'/api/v1/services/{id}'>;
export type Calendar = Answer<'/api/v1/calendars/{id}'>;
export type Priorities = Answer<'/api/v1/priorities'>;

export interface Catalog {
  readonly customers: readonly Customer[];
  readonly services: readonly Service[];
  readonly calendars: readonly Calendar[];
  readonly priorities: Priorities;
  readonly customerName: (id: string | null | undefined) => string;
  readonly serviceName: (id: string | null | undefined) => string;
}

export async function loadCatalog(): Promise<Catalog> {
  const [customers, services, calendars, priorities] = await Promise.all([
    unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 500 } } })),
    unwrap(api.GET('/api/v1/services', { params: { query: { limit: 500 } } })),
    unwrap(api.GET('/api/v1/calendars')),
    unwrap(api.GET('/api/v1/priorities')),
  ]);
  const customerById = new Map(customers.items.map((c) => [c.id, c.name]));
  const serviceById = new Map(services.items.map((s) => [s.id, s.name]));
  return {
    customers: customers.items,
    services: services.items,
    calendars: calendars.items,
    priorities,
    customerName: (id) => (id ? (customerById.get(id) ?? id) : '—'),
    serviceName: (id) => (id ? (serviceById.get(id) ?? id) : '—'),
  };
}

export function useCatalog(): Loaded<Catalog> {
  return useLoad(loadCatalog, []);
}

import type { Page, PageRequest } from '../pagination.ts';

export interface Customer {
  readonly id: string;
  readonly name: string;
  readonly shortName: string | null;
  /** The customer's time zone: report periods and due times in mails use it. */
  readonly timeZone: string;
  readonly locale: 'de' | 'en';
  readonly notes: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archivedAt: number | null;
}

export interface CustomerFilter {
  /** Only this customer (customer viewers). */
  readonly onlyId?: string | null;
  /** Case-insensitive part of the name. */
  readonly q?: string;
  readonly includeArchived?: boolean;
}

export interface CustomersRepository {
  insert(customer: Customer): Promise<void>;
  update(customer: Customer): Promise<void>;
  findById(id: string): Promise<Customer | undefined>;
  list(filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>>;
  delete(id: string): Promise<void>;
}

/**
 * Contacts, services, the business impact of each service per customer, calendars and the priority
 * matrix. Filled in with the catalog use cases.
 */
export interface CatalogRepository {
  readonly area: 'catalog';
}

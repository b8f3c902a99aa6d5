/** SLAs, their versions and the assignment rules. Filled in with the SLA use cases. */
export interface SlasRepository {
  readonly area: 'slas';
}

// Error-budget alerts: when a service burned its budget too fast or spent it, per customer; read-only, open ones
// first by default.
import { SegmentedControl, Table } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { EmptyState, ErrorAlert, PageHeader } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';

type Filter = 'true' | 'false' | 'all';

export default function BudgetAlerts() {
  const { t, locale } = useI18n();
  const catalog = useCatalog();
  const [open, setOpen] = useState<Filter>('true');
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/budget-alerts', {
          params: { query: { limit: 200, ...(open === 'all' ? {} : { open }) } },
        }),
      ),
    [open],
  );
  const items = list.data?.items ?? [];
  const percent = (value: number | null): string =>
    value === null
      ? t('app.none')
      : `${(value * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
  return (
    <>
      <PageHeader title={t('budgetAlerts.title')} />
      <ErrorAlert error={list.error ?? catalog.error} onRetry={list.reload} />
      <SegmentedControl
        mb="md"
        aria-label={t('budgetAlerts.filter')}
        data={[
          { value: 'true', label: t('budgetAlerts.open') },
          { value: 'false', label: t('budgetAlerts.closed') },
          { value: 'all', label: t('budgetAlerts.all') },
        ]}
        value={open}
        onChange={(v) => setOpen(v as Filter)}
      />
      {list.data && items.length === 0 && <EmptyState>{t('budgetAlerts.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('budgetAlerts.customer')}</Table.Th>
                <Table.Th>{t('budgetAlerts.service')}</Table.Th>
                <Table.Th>{t('budgetAlerts.kind')}</Table.Th>
                <Table.Th>{t('budgetAlerts.burnRate')}</Table.Th>
                <Table.Th>{t('budgetAlerts.budgetUsed')}</Table.Th>
                <Table.Th>{t('budgetAlerts.started')}</Table.Th>
                <Table.Th>{t('budgetAlerts.ended')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{catalog.data?.customerName(a.customerId) ?? a.customerId}</Table.Td>
                  <Table.Td>{catalog.data?.serviceName(a.serviceId) ?? a.serviceId}</Table.Td>
                  <Table.Td>{t(`budgetAlerts.kind.${a.kind}`)}</Table.Td>
                  <Table.Td>
                    {a.burnRate === null
                      ? t('app.none')
                      : `${a.burnRate.toLocaleString(locale, { maximumFractionDigits: 1 })}×`}
                  </Table.Td>
                  <Table.Td>{percent(a.budgetUsed)}</Table.Td>
                  <Table.Td>{formatInstant(a.startedAt, locale)}</Table.Td>
                  <Table.Td>
                    {a.endedAt ? formatInstant(a.endedAt, locale) : t('budgetAlerts.ongoing')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

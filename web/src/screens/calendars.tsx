// Calendars: when the desk counts time.
import { Anchor, Button, Table, Text } from '@mantine/core';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../router.tsx';
import { type CalendarDefinition, weeklyMs } from './calendar-edit.tsx';

export default function Calendars() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const list = useLoad(() => unwrap(api.GET('/api/v1/calendars')), []);
  const add = canManage(me) ? (
    <Button onClick={() => navigate('/calendars/new')}>{t('calendars.new')}</Button>
  ) : null;
  return (
    <>
      <PageHeader title={t('calendars.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && (
        <EmptyState action={add}>{t('calendars.empty')}</EmptyState>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('calendars.timeZone')}</Table.Th>
                <Table.Th>{t('calendars.region')}</Table.Th>
                <Table.Th>{t('calendars.hours')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => {
                const def = c.definition as unknown as CalendarDefinition;
                return (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} href={`/calendars/${c.id}`}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{def.timeZone}</Table.Td>
                    <Table.Td>{(def.holidayRegions ?? []).join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {t('calendars.weekly', {
                          hours: new Intl.NumberFormat(locale).format(weeklyMs(def) / 3_600_000),
                        })}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

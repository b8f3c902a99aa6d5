// The notification log: every notice the escalation sent or tries to send, to whom, and how it went.
import { Badge, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { EmptyState, ErrorAlert, PageHeader } from '../components/common.tsx';
import { hasMessage, useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/en.ts';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';

type Status = 'pending' | 'retrying' | 'sent' | 'dead';
const STATUSES: readonly Status[] = ['sent', 'retrying', 'pending', 'dead'];
const COLORS: Record<Status, string> = { sent: 'green', retrying: 'orange', pending: 'gray', dead: 'red' };

export default function Notifications() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<Status | null>(null);
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: 200, ...(status ? { status } : {}) } },
        }),
      ),
    [status],
  );
  const items = list.data?.items ?? [];
  const what = (kind: string | null, level: number | null): string => {
    const key = `notifications.kind.${kind ?? ''}`;
    const name = kind && hasMessage(key) ? t(key as MessageKey) : (kind ?? t('app.none'));
    return level === null ? name : t('notifications.withLevel', { what: name, level });
  };
  return (
    <>
      <PageHeader title={t('notifications.title')} />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Select
        label={t('notifications.filterStatus')}
        placeholder={t('app.any')}
        data={STATUSES.map((s) => ({ value: s, label: t(`notifications.status.${s}`) }))}
        value={status}
        onChange={(v) => setStatus(v as Status | null)}
        clearable
        maw={260}
        mb="md"
      />
      {list.data && items.length === 0 && <EmptyState>{t('notifications.empty')}</EmptyState>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('notifications.what')}</Table.Th>
                <Table.Th>{t('notifications.to')}</Table.Th>
                <Table.Th>{t('notifications.when')}</Table.Th>
                <Table.Th>{t('notifications.status')}</Table.Th>
                <Table.Th>{t('notifications.attempts')}</Table.Th>
                <Table.Th>{t('notifications.lastError')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>
                    {what(n.kind, n.level)}
                    {n.ticketId && (
                      <Text size="xs">
                        <Link href={`/tickets/${n.ticketId}`}>{t('notifications.ticket')}</Link>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {n.recipient === '*' ? t('notifications.toChannel') : (n.recipientName ?? n.recipient)}
                    <Text size="xs" c="gray.7">
                      {n.channelId} ({n.channelKind})
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatInstant(n.sentAt ?? n.createdAt, locale)}</Table.Td>
                  <Table.Td>
                    <Badge color={COLORS[n.status]} variant="light" tt="none">
                      {t(`notifications.status.${n.status}`)}
                    </Badge>
                    {n.status === 'retrying' && n.nextAttemptAt && (
                      <Text size="xs" c="gray.7">
                        {t('notifications.nextAttempt', { at: formatInstant(n.nextAttemptAt, locale) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{n.attempts}</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>{n.lastError ?? t('app.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}

// The ticket list: filters in the address bar, live clocks, and opening a ticket.
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import type { paths } from '../api/schema';
import { ClockBadges } from '../components/clocks.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog, type Catalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLive, useLoad } from '../lib/hooks.ts';
import { Link, navigate, useLocation } from '../router.tsx';

type ClockFilter = NonNullable<NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>['clock']>;
const CLOCK_FILTERS: readonly ClockFilter[] = ['at_risk', 'breached', 'running', 'paused', 'met'];
const PAGE = 50;

export default function Tickets() {
  const { t, locale } = useI18n();
  const { search } = useLocation();
  const catalog = useCatalog();
  const [creating, setCreating] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const filters = {
    customer: search.get('customer') ?? '',
    status: search.get('status') ?? '',
    priority: search.get('priority') ?? '',
    clock: search.get('clock') ?? '',
    q: search.get('q') ?? '',
    sort: search.get('sort') ?? '',
  };
  const setFilter = (name: keyof typeof filters, value: string | null): void => {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const query = next.toString();
    navigate(`/tickets${query ? `?${query}` : ''}`, { replace: true });
  };
  const list = useLoad(
    () =>
      unwrap(
        api.GET('/api/v1/tickets', {
          params: {
            query: {
              limit,
              ...(filters.customer ? { customer: filters.customer } : {}),
              ...(filters.status ? { status: filters.status } : {}),
              ...(filters.priority ? { priority: filters.priority } : {}),
              ...(filters.clock ? { clock: filters.clock as ClockFilter } : {}),
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.sort === 'due' ? { sort: 'due' as const } : {}),
            },
          },
        }),
      ),
    [search.toString(), limit],
  );
  useLive(list.reload);
  const filtered = Object.entries(filters).some(([, v]) => v !== '');
  const cat = catalog.data;
  return (
    <>
      <PageHeader title={t('tickets.title')}>
        <Button onClick={() => setCreating(true)}>{t('tickets.new')}</Button>
      </PageHeader>
      <Group mb="md" align="flex-end" wrap="wrap" role="search">
        <Select
          label={t('filter.customer')}
          placeholder={t('app.all')}
          clearable
          searchable
          data={(cat?.customers ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={filters.customer || null}
          onChange={(v) => setFilter('customer', v)}
          w={200}
        />
        <Select
          label={t('filter.clock')}
          placeholder={t('filter.clock.any')}
          clearable
          data={CLOCK_FILTERS.map((c) => ({ value: c, label: t(`filter.clock.${c}`) }))}
          value={filters.clock || null}
          onChange={(v) => setFilter('clock', v)}
          w={160}
        />
        <Select
          label={t('filter.priority')}
          placeholder={t('app.all')}
          clearable
          data={(cat?.priorities.priorities ?? []).map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
          value={filters.priority || null}
          onChange={(v) => setFilter('priority', v)}
          w={150}
        />
        <TextInput
          label={t('filter.status')}
          defaultValue={filters.status}
          onBlur={(e) => setFilter('status', e.currentTarget.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && setFilter('status', e.currentTarget.value.trim())}
          w={170}
        />
        <TextInput
          label={t('filter.q')}
          defaultValue={filters.q}
          onBlur={(e) => setFilter('q', e.currentTarget.value.trim())}
          onKeyDown={(e) => e.key === 'Enter' && setFilter('q', e.currentTarget.value.trim())}
          w={180}
        />
        <Checkbox
          label={t('filter.sortDue')}
          checked={filters.sort === 'due'}
          onChange={(e) => setFilter('sort', e.currentTarget.checked ? 'due' : null)}
          mb={8}
        />
      </Group>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 ? (
        <EmptyState action={<Button onClick={() => setCreating(true)}>{t('tickets.new')}</Button>}>
          {filtered ? t('tickets.empty') : t('tickets.emptyFirst')}
        </EmptyState>
      ) : (
        list.data && (
          <Stack gap="xs">
            <Text size="sm" c="gray.7">
              {t('tickets.total', { n: list.data.total })}
            </Text>
            <Table.ScrollContainer minWidth={760}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('tickets.number')}</Table.Th>
                    <Table.Th>{t('tickets.subject')}</Table.Th>
                    <Table.Th>{t('tickets.customer')}</Table.Th>
                    <Table.Th>{t('tickets.priority')}</Table.Th>
                    <Table.Th>{t('tickets.status')}</Table.Th>
                    <Table.Th>{t('tickets.clocks')}</Table.Th>
                    <Table.Th>{t('tickets.created')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((ticket) => (
                    <Table.Tr key={ticket.id} data-ticket={ticket.number}>
                      <Table.Td>#{ticket.number}</Table.Td>
                      <Table.Td>
                        <Anchor component={Link} href={`/tickets/${ticket.id}`}>
                          {ticket.title}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{cat?.customerName(ticket.customerId) ?? ''}</Table.Td>
                      <Table.Td>{ticket.priority}</Table.Td>
                      <Table.Td>{statusText(ticket.status, t)}</Table.Td>
                      <Table.Td>
                        <ClockBadges clocks={ticket.clocks} />
                      </Table.Td>
                      <Table.Td>{formatInstant(ticket.createdAt, locale)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            {list.data.total > list.data.items.length && (
              <Button variant="default" onClick={() => setLimit((n) => n + PAGE)}>
                {t('tickets.more')}
              </Button>
            )}
          </Stack>
        )
      )}
      {cat && (
        <NewTicket
          opened={creating}
          onClose={() => setCreating(false)}
          catalog={cat}
          preset={filters.customer}
          onCreated={(id) => navigate(`/tickets/${id}`)}
        />
      )}
    </>
  );
}

/** Known statuses in the UI's language; free-text statuses as they were written. */
export function statusText(status: string, t: ReturnType<typeof useI18n>['t']): string {
  if (status === 'new' || status === 'in progress' || status === 'waiting for customer')
    return t(`ticket.status.${status}`);
  return status;
}

type Level = 'high' | 'medium' | 'low';
const LEVELS: readonly Level[] = ['high', 'medium', 'low'];

function NewTicket({
  opened,
  onClose,
  catalog,
  preset,
  onCreated,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly catalog: Catalog;
  readonly preset: string;
  readonly onCreated: (id: string) => void;
}) {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState<string | null>(preset || null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [type, setType] = useState<'incident' | 'service_request'>('incident');
  const [impact, setImpact] = useState<Level>('medium');
  const [urgency, setUrgency] = useState<Level>('medium');
  const [priority, setPriority] = useState<string | null>(null);
  const { busy, error, submit } = useSubmit(async () => {
    if (!customerId) return;
    const created: Answer<'/api/v1/tickets', 'post'> = await unwrap(
      api.POST('/api/v1/tickets', {
        body: {
          customerId,
          serviceId,
          title,
          type,
          impact,
          urgency,
          ...(description ? { description } : {}),
          ...(priority ? { priority } : {}),
        },
      }),
    );
    onCreated(created.id);
  });
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void submit();
  };
  const auto = catalog.priorities.matrix[impact]?.[urgency];
  return (
    <Modal opened={opened} onClose={onClose} title={t('tickets.new')} size="lg">
      {catalog.customers.length === 0 ? (
        <EmptyState
          action={
            <Anchor component={Link} href="/customers">
              {t('customers.new')}
            </Anchor>
          }
        >
          {t('tickets.needCustomer')}
        </EmptyState>
      ) : (
        <form onSubmit={onSubmit}>
          <Stack>
            <Select
              label={t('tickets.customer')}
              required
              searchable
              data={catalog.customers.map((c) => ({ value: c.id, label: c.name }))}
              value={customerId}
              onChange={setCustomerId}
            />
            <Select
              label={t('tickets.service')}
              clearable
              searchable
              data={catalog.services.map((s) => ({ value: s.id, label: s.name }))}
              value={serviceId}
              onChange={setServiceId}
            />
            <TextInput
              label={t('tickets.subject')}
              required
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <Textarea
              label={t('app.description')}
              autosize
              minRows={2}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <Group grow>
              <Select
                label={t('tickets.type')}
                data={[
                  { value: 'incident', label: t('tickets.type.incident') },
                  { value: 'service_request', label: t('tickets.type.service_request') },
                ]}
                value={type}
                onChange={(v) => setType(v === 'service_request' ? 'service_request' : 'incident')}
                allowDeselect={false}
              />
              <Select
                label={t('tickets.impact')}
                data={LEVELS.map((l) => ({ value: l, label: t(`tickets.level.${l}`) }))}
                value={impact}
                onChange={(v) => setImpact((v as Level | null) ?? 'medium')}
                allowDeselect={false}
              />
              <Select
                label={t('tickets.urgency')}
                data={LEVELS.map((l) => ({ value: l, label: t(`tickets.level.${l}`) }))}
                value={urgency}
                onChange={(v) => setUrgency((v as Level | null) ?? 'medium')}
                allowDeselect={false}
              />
            </Group>
            <Select
              label={t('tickets.priority')}
              placeholder={`${t('tickets.priorityAuto')}: ${auto ?? ''}`}
              clearable
              data={catalog.priorities.priorities.map((p) => ({ value: p.id, label: `${p.id} ${p.name}` }))}
              value={priority}
              onChange={setPriority}
            />
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('app.cancel')}
              </Button>
              <Button type="submit" loading={busy}>
                {t('app.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

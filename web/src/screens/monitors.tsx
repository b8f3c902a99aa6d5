// The monitors: what is watched, its state now, and a form to watch something new.
import { Alert, Anchor, Button, Code, NumberInput, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog } from '../lib/catalog.ts';
import { formatInstant } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';
import { latency, STATES, StateBadge, type Monitor, type MonitorState } from './monitors-shared.tsx';

type Kind = 'http' | 'tcp' | 'heartbeat' | 'manual';
const KINDS: readonly Kind[] = ['http', 'tcp', 'heartbeat', 'manual'];

export default function Monitors() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const [state, setState] = useState<MonitorState | null>(null);
  const list = useLoad(
    () =>
      unwrap(api.GET('/api/v1/monitors', { params: { query: { limit: 500, ...(state ? { state } : {}) } } })),
    [state],
  );
  const catalog = useCatalog();
  const [creating, setCreating] = useState(false);
  const [heartbeatUrl, setHeartbeatUrl] = useState<string | null>(null);
  const [tested, setTested] = useState<string | null>(null);
  const test = useSubmit(async (monitor: Monitor) => {
    setTested(null);
    const r = await unwrap(api.POST('/api/v1/monitors/{id}/test', { params: { path: { id: monitor.id } } }));
    setTested(
      t('monitors.testResult', {
        name: monitor.name,
        status: t(`monitors.state.${r.status}`),
        latency: latency(r.latencyMs, t),
        message: r.message,
      }),
    );
  });
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('monitors.new')}</Button> : null;
  const items = list.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('monitors.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error ?? catalog.error} onRetry={list.reload} />
      {heartbeatUrl && (
        <Alert
          color="green"
          mb="md"
          withCloseButton
          onClose={() => setHeartbeatUrl(null)}
          closeButtonLabel={t('app.close')}
        >
          {t('monitors.heartbeatUrl')} <Code>{heartbeatUrl}</Code>
        </Alert>
      )}
      <ErrorAlert error={test.error} />
      {tested && (
        <Alert
          color="blue"
          mb="md"
          role="status"
          withCloseButton
          onClose={() => setTested(null)}
          closeButtonLabel={t('app.close')}
        >
          {tested}
        </Alert>
      )}
      <Select
        label={t('monitors.filterState')}
        placeholder={t('app.any')}
        data={STATES.map((s) => ({ value: s, label: t(`monitors.state.${s}`) }))}
        value={state}
        onChange={(v) => setState(v as MonitorState | null)}
        clearable
        maw={260}
        mb="md"
      />
      {list.data && items.length === 0 && !state && (
        <EmptyState action={add}>{t('monitors.empty')}</EmptyState>
      )}
      {list.data && items.length === 0 && state && <Text>{t('monitors.emptyFiltered')}</Text>}
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('monitors.service')}</Table.Th>
                <Table.Th>{t('monitors.customer')}</Table.Th>
                <Table.Th>{t('monitors.target')}</Table.Th>
                <Table.Th>{t('monitors.state')}</Table.Th>
                <Table.Th>{t('monitors.lastCheck')}</Table.Th>
                <Table.Th>{t('monitors.responseTime')}</Table.Th>
                <Table.Th>{t('app.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/monitors/${m.id}`}>
                      {m.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{catalog.data?.serviceName(m.serviceId) ?? '…'}</Table.Td>
                  <Table.Td>
                    {m.customerId
                      ? (catalog.data?.customerName(m.customerId) ?? '…')
                      : t('monitors.customerShared')}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`monitors.kind.${m.kind}`)}</Text>
                    <Text size="xs" c="gray.7">
                      {m.target}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={m.state} paused={m.paused} />
                  </Table.Td>
                  <Table.Td>{formatInstant(m.lastCheck?.at, locale)}</Table.Td>
                  <Table.Td>{latency(m.lastCheck?.latencyMs, t)}</Table.Td>
                  <Table.Td>
                    {(m.kind === 'http' || m.kind === 'tcp') && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={test.busy}
                        onClick={() => void test.submit(m)}
                        aria-label={`${t('monitors.test')}: ${m.name}`}
                      >
                        {t('monitors.test')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewMonitor
        opened={creating}
        onClose={() => setCreating(false)}
        services={catalog.data?.services.map((s) => ({ value: s.id, label: s.name })) ?? []}
        customers={catalog.data?.customers.map((c) => ({ value: c.id, label: c.name })) ?? []}
        onCreated={(url) => {
          setHeartbeatUrl(url);
          list.reload();
        }}
      />
    </>
  );
}

function NewMonitor({
  opened,
  onClose,
  services,
  customers,
  onCreated,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly services: { value: string; label: string }[];
  readonly customers: { value: string; label: string }[];
  readonly onCreated: (heartbeatUrl: string | null) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('http');
  const [url, setUrl] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState<number | ''>('');
  const [interval, setIntervalSeconds] = useState<number | ''>(60);
  const { busy, error, submit } = useSubmit(async () => {
    if (!serviceId) return;
    const config =
      kind === 'http' ? { url } : kind === 'tcp' ? { host, port: port === '' ? undefined : port } : undefined;
    const created = await unwrap(
      api.POST('/api/v1/monitors', {
        body: {
          name,
          serviceId,
          customerId,
          definition: {
            kind,
            // A state set by hand is meant at once: one report confirms an outage or a recovery.
            ...(kind === 'manual'
              ? { failuresToConfirm: 1, successesToRecover: 1 }
              : { intervalSeconds: interval === '' ? 60 : interval }),
            ...(config ? { config } : {}),
          },
        },
      }),
    );
    setName('');
    setUrl('');
    setHost('');
    setPort('');
    onCreated(created.heartbeatUrl);
    onClose();
  });
  const whole = (v: string | number): number | '' => (v === '' ? '' : Math.max(0, Math.round(Number(v))));
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('monitors.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
    >
      {services.length === 0 && <Text size="sm">{t('monitors.needService')}</Text>}
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Select
        label={t('monitors.service')}
        required
        searchable
        data={services}
        value={serviceId}
        onChange={setServiceId}
      />
      <Select
        label={t('monitors.customer')}
        placeholder={t('monitors.customerShared')}
        clearable
        searchable
        data={customers}
        value={customerId}
        onChange={setCustomerId}
      />
      <Select
        label={t('monitors.kind')}
        data={KINDS.map((k) => ({ value: k, label: t(`monitors.kind.${k}`) }))}
        value={kind}
        onChange={(v) => setKind((v as Kind | null) ?? 'http')}
        allowDeselect={false}
      />
      {kind === 'http' && (
        <TextInput
          label={t('monitors.url')}
          required
          type="url"
          placeholder="https://"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
        />
      )}
      {kind === 'tcp' && (
        <>
          <TextInput
            label={t('monitors.host')}
            required
            value={host}
            onChange={(e) => setHost(e.currentTarget.value)}
          />
          <NumberInput
            label={t('monitors.port')}
            required
            min={1}
            max={65535}
            value={port}
            onChange={(v) => setPort(whole(v))}
          />
        </>
      )}
      {kind === 'heartbeat' && <Text size="sm">{t('monitors.heartbeatHint')}</Text>}
      {kind === 'manual' && <Text size="sm">{t('monitors.manualHint')}</Text>}
      {kind !== 'manual' && (
        <NumberInput
          label={t('monitors.interval')}
          min={10}
          max={86400}
          value={interval}
          onChange={(v) => setIntervalSeconds(whole(v))}
        />
      )}
    </FormModal>
  );
}

// The service catalog, and what an outage of each service costs each customer.
import {
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog, type Service } from '../lib/catalog.ts';
import { useLoad } from '../lib/hooks.ts';

type Criticality = 'low' | 'medium' | 'high' | 'critical';
type Impact = Answer<'/api/v1/services/{id}/impacts'>['items'][number];
type MonitorRule = 'any' | 'all';
const CRITICALITIES: readonly Criticality[] = ['low', 'medium', 'high', 'critical'];

export default function Services() {
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const [creating, setCreating] = useState(false);
  const catalog = useCatalog();
  const add = manage ? <Button onClick={() => setCreating(true)}>{t('services.new')}</Button> : null;
  const services = catalog.data?.services ?? [];
  return (
    <>
      <PageHeader title={t('services.title')}>{add}</PageHeader>
      <ErrorAlert error={catalog.error} onRetry={catalog.reload} />
      {catalog.data && services.length === 0 && <EmptyState action={add}>{t('services.empty')}</EmptyState>}
      <Stack>
        {catalog.data &&
          services.map((service) => (
            <ServiceCard
              key={service.id}
              service={service}
              customers={catalog.data?.customers.map((c) => ({ value: c.id, label: c.name })) ?? []}
              manage={manage}
              onChanged={catalog.reload}
            />
          ))}
      </Stack>
      {creating && <ServiceForm service={null} onClose={() => setCreating(false)} onSaved={catalog.reload} />}
    </>
  );
}

function ServiceCard({
  service,
  customers,
  manage,
  onChanged,
}: {
  readonly service: Service;
  readonly customers: { value: string; label: string }[];
  readonly manage: boolean;
  readonly onChanged: () => void;
}) {
  const { t } = useI18n();
  const impacts = useLoad(
    () => unwrap(api.GET('/api/v1/services/{id}/impacts', { params: { path: { id: service.id } } })),
    [service.id],
  );
  // The impact being edited: null for a new one, undefined while the form is closed.
  const [recording, setRecording] = useState<Impact | null | undefined>(undefined);
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder>
      <Group justify="space-between">
        <div>
          <Title order={2} size="h4">
            {service.name}
          </Title>
          {service.description && <Text size="sm">{service.description}</Text>}
          {service.owner && (
            <Text size="sm" c="gray.7">
              {t('services.owner')}: {service.owner}
            </Text>
          )}
        </div>
        {manage && (
          <Group gap="xs">
            {customers.length > 0 && (
              <Button size="xs" variant="light" onClick={() => setRecording(null)}>
                {t('services.recordImpact')}
              </Button>
            )}
            <Button
              size="xs"
              variant="default"
              aria-label={`${t('app.edit')}: ${service.name}`}
              onClick={() => setEditing(true)}
            >
              {t('app.edit')}
            </Button>
            <ConfirmButton
              size="xs"
              variant="subtle"
              color="red"
              aria-label={`${t('services.archive')}: ${service.name}`}
              question={t('services.archiveQuestion', { name: service.name })}
              onConfirm={async () => {
                await unwrap(
                  api.PATCH('/api/v1/services/{id}', {
                    params: { path: { id: service.id } },
                    body: { archived: true },
                  }),
                );
                onChanged();
              }}
            >
              {t('services.archive')}
            </ConfirmButton>
          </Group>
        )}
      </Group>
      {service.monitorRule === 'all' && (
        <Text size="sm" c="gray.7">
          {t('services.monitorRule.all')}
        </Text>
      )}
      <ErrorAlert error={impacts.error} onRetry={impacts.reload} />
      {impacts.data && impacts.data.items.length === 0 && (
        <Text size="sm" mt="xs">
          {manage
            ? customers.length > 0
              ? t('services.noImpactHint')
              : t('services.noCustomersHint')
            : t('services.noImpact')}
        </Text>
      )}
      {impacts.data && impacts.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={520}>
          <Table mt="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.customer')}</Table.Th>
                <Table.Th>{t('services.criticality')}</Table.Th>
                <Table.Th>{t('services.usersAffected')}</Table.Th>
                <Table.Th>{t('services.costPerHour')}</Table.Th>
                <Table.Th>{t('services.mtd')}</Table.Th>
                {manage && <Table.Th>{t('app.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {impacts.data.items.map((i) => (
                <Table.Tr key={i.customerId}>
                  <Table.Td>{i.customerName}</Table.Td>
                  <Table.Td>{t(`services.criticality.${i.criticality}`)}</Table.Td>
                  <Table.Td>{i.usersAffected ?? '—'}</Table.Td>
                  <Table.Td>{i.downtimeCostPerHour ?? '—'}</Table.Td>
                  <Table.Td>{i.maxTolerableDowntimeMinutes ?? '—'}</Table.Td>
                  {manage && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={`${t('app.edit')}: ${service.name} – ${i.customerName}`}
                          onClick={() => setRecording(i)}
                        >
                          {t('app.edit')}
                        </Button>
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`${t('app.remove')}: ${service.name} – ${i.customerName}`}
                          question={t('services.removeImpactQuestion', {
                            service: service.name,
                            customer: i.customerName,
                          })}
                          onConfirm={async () => {
                            await unwrap(
                              api.DELETE('/api/v1/services/{serviceId}/impacts/{customerId}', {
                                params: { path: { serviceId: service.id, customerId: i.customerId } },
                              }),
                            );
                            impacts.reload();
                          }}
                        >
                          {t('app.remove')}
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {recording !== undefined && (
        <RecordImpact
          serviceId={service.id}
          customers={customers}
          impact={recording}
          onClose={() => setRecording(undefined)}
          onSaved={impacts.reload}
        />
      )}
      {editing && <ServiceForm service={service} onClose={() => setEditing(false)} onSaved={onChanged} />}
    </Card>
  );
}

/** Records what an outage means to one customer; with `impact`, changes that record (the customer stays). */
function RecordImpact({
  serviceId,
  customers,
  impact,
  onClose,
  onSaved,
}: {
  readonly serviceId: string;
  readonly customers: { value: string; label: string }[];
  readonly impact: Impact | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState<string | null>(impact?.customerId ?? null);
  const [criticality, setCriticality] = useState<Criticality>(impact?.criticality ?? 'medium');
  const [users, setUsers] = useState<number | ''>(impact?.usersAffected ?? '');
  const [cost, setCost] = useState<number | ''>(impact?.downtimeCostPerHour ?? '');
  const [mtd, setMtd] = useState<number | ''>(impact?.maxTolerableDowntimeMinutes ?? '');
  const [notes, setNotes] = useState(impact?.notes ?? '');
  const { busy, error, submit } = useSubmit(async () => {
    if (!customerId) return;
    await unwrap(
      api.PUT('/api/v1/services/{serviceId}/impacts/{customerId}', {
        params: { path: { serviceId, customerId } },
        body: {
          criticality,
          usersAffected: users === '' ? null : users,
          downtimeCostPerHour: cost === '' ? null : cost,
          maxTolerableDowntimeMinutes: mtd === '' ? null : mtd,
          notes: notes || null,
        },
      }),
    );
    onSaved();
    onClose();
  });
  const num = (v: string | number): number | '' => (v === '' ? '' : Math.max(0, Math.round(Number(v))));
  return (
    <FormModal
      opened
      onClose={onClose}
      title={impact ? t('services.impactOf', { customer: impact.customerName }) : t('services.impactFor')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('app.save')}
    >
      <Select
        label={t('tickets.customer')}
        required
        searchable
        disabled={impact !== null}
        data={customers}
        value={customerId}
        onChange={setCustomerId}
      />
      <Select
        label={t('services.criticality')}
        data={CRITICALITIES.map((c) => ({ value: c, label: t(`services.criticality.${c}`) }))}
        value={criticality}
        onChange={(v) => setCriticality((v as Criticality | null) ?? 'medium')}
        allowDeselect={false}
      />
      <NumberInput
        label={t('services.usersAffected')}
        min={0}
        value={users}
        onChange={(v) => setUsers(num(v))}
      />
      <NumberInput label={t('services.costPerHour')} min={0} value={cost} onChange={(v) => setCost(num(v))} />
      <NumberInput label={t('services.mtd')} min={0} value={mtd} onChange={(v) => setMtd(num(v))} />
      <Textarea label={t('app.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
    </FormModal>
  );
}

/** Adds a service, or changes one when `service` is given. */
function ServiceForm({
  service,
  onClose,
  onSaved,
}: {
  readonly service: Service | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(service?.name ?? '');
  const [description, setDescription] = useState(service?.description ?? '');
  const [owner, setOwner] = useState(service?.owner ?? '');
  const [monitorRule, setMonitorRule] = useState<MonitorRule>(service?.monitorRule === 'all' ? 'all' : 'any');
  const { busy, error, submit } = useSubmit(async () => {
    const body = { name, description: description || null, owner: owner || null, monitorRule };
    if (service)
      await unwrap(api.PATCH('/api/v1/services/{id}', { params: { path: { id: service.id } }, body }));
    else await unwrap(api.POST('/api/v1/services', { body }));
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={service ? t('services.edit', { name: service.name }) : t('services.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={service ? t('app.save') : undefined}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <Textarea
        label={t('app.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
      />
      <TextInput
        label={t('services.owner')}
        value={owner}
        onChange={(e) => setOwner(e.currentTarget.value)}
      />
      <Select
        label={t('services.monitorRule')}
        allowDeselect={false}
        data={[
          { value: 'any', label: t('services.monitorRule.any') },
          { value: 'all', label: t('services.monitorRule.all') },
        ]}
        value={monitorRule}
        onChange={(v) => setMonitorRule(v === 'all' ? 'all' : 'any')}
      />
    </FormModal>
  );
}

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
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useCatalog, type Service } from '../lib/catalog.ts';
import { useLoad } from '../lib/hooks.ts';

type Criticality = 'low' | 'medium' | 'high' | 'critical';
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
            />
          ))}
      </Stack>
      <NewService opened={creating} onClose={() => setCreating(false)} onCreated={catalog.reload} />
    </>
  );
}

function ServiceCard({
  service,
  customers,
  manage,
}: {
  readonly service: Service;
  readonly customers: { value: string; label: string }[];
  readonly manage: boolean;
}) {
  const { t } = useI18n();
  const impacts = useLoad(
    () => unwrap(api.GET('/api/v1/services/{id}/impacts', { params: { path: { id: service.id } } })),
    [service.id],
  );
  const [recording, setRecording] = useState(false);
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
        {manage && customers.length > 0 && (
          <Button size="xs" variant="light" onClick={() => setRecording(true)}>
            {t('services.recordImpact')}
          </Button>
        )}
      </Group>
      {impacts.data && impacts.data.items.length === 0 && (
        <Text size="sm" mt="xs">
          {t('services.noImpact')}
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
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RecordImpact
        serviceId={service.id}
        customers={customers}
        opened={recording}
        onClose={() => setRecording(false)}
        onSaved={impacts.reload}
      />
    </Card>
  );
}

function RecordImpact({
  serviceId,
  customers,
  opened,
  onClose,
  onSaved,
}: {
  readonly serviceId: string;
  readonly customers: { value: string; label: string }[];
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [customerId, setCustomerId] = useState<string | null>(null);
  const [criticality, setCriticality] = useState<Criticality>('medium');
  const [users, setUsers] = useState<number | ''>('');
  const [cost, setCost] = useState<number | ''>('');
  const [mtd, setMtd] = useState<number | ''>('');
  const [notes, setNotes] = useState('');
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
      opened={opened}
      onClose={onClose}
      title={t('services.impactFor')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('app.save')}
    >
      <Select
        label={t('tickets.customer')}
        required
        searchable
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

function NewService({
  opened,
  onClose,
  onCreated,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onCreated: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/services', {
        body: { name, description: description || null, owner: owner || null },
      }),
    );
    setName('');
    setDescription('');
    setOwner('');
    onCreated();
    onClose();
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('services.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
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
    </FormModal>
  );
}

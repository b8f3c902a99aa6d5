// One customer: its contacts with their escalation level, and what each service means to it.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { ConfirmButton, EmptyState, ErrorAlert, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';
import { Link } from '../router.tsx';

export default function CustomerDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const [adding, setAdding] = useState(false);
  const customer = useLoad(
    () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
    [id],
  );
  const contacts = useLoad(
    () => unwrap(api.GET('/api/v1/customers/{id}/contacts', { params: { path: { id } } })),
    [id],
  );
  const impacts = useLoad(
    () => unwrap(api.GET('/api/v1/customers/{id}/impacts', { params: { path: { id } } })),
    [id],
  );
  const add = manage ? <Button onClick={() => setAdding(true)}>{t('contacts.new')}</Button> : null;
  return (
    <Stack>
      <Anchor component={Link} href="/customers" size="sm">
        ← {t('customers.back')}
      </Anchor>
      <ErrorAlert error={customer.error} onRetry={customer.reload} />
      {customer.data && (
        <Group justify="space-between">
          <Title order={1} size="h2">
            {customer.data.name}
          </Title>
          <Anchor component={Link} href={`/tickets?customer=${id}`}>
            {t('nav.tickets')}
          </Anchor>
        </Group>
      )}
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('customers.contacts')}
          </Title>
          {add}
        </Group>
        <ErrorAlert error={contacts.error} />
        {contacts.data && contacts.data.items.length === 0 && <EmptyState>{t('contacts.empty')}</EmptyState>}
        {contacts.data && contacts.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={600}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('contacts.escalation')}</Table.Th>
                  <Table.Th>{t('app.name_')}</Table.Th>
                  <Table.Th>{t('contacts.role')}</Table.Th>
                  <Table.Th>{t('contacts.email')}</Table.Th>
                  <Table.Th>{t('contacts.phone')}</Table.Th>
                  <Table.Th>{t('contacts.reports')}</Table.Th>
                  {manage && <Table.Th>{t('app.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      {c.escalationLevel > 0 ? (
                        <Badge variant="light" tt="none">
                          {t('contacts.level', { n: c.escalationLevel })}
                        </Badge>
                      ) : (
                        <Text size="sm">{t('contacts.notEscalated')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.name}</Table.Td>
                    <Table.Td>{c.role ?? '—'}</Table.Td>
                    <Table.Td>
                      {c.email ? <Anchor href={`mailto:${c.email}`}>{c.email}</Anchor> : '—'}
                    </Table.Td>
                    <Table.Td>{c.phone ?? '—'}</Table.Td>
                    <Table.Td>{c.receivesReports ? t('app.yes') : t('app.no')}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          color="red"
                          question={t('app.confirmDelete', { name: c.name })}
                          onConfirm={async () => {
                            await unwrap(
                              api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: c.id } } }),
                            );
                            contacts.reload();
                          }}
                        >
                          {t('app.delete')}
                        </ConfirmButton>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="sm">
          {t('customers.impacts')}
        </Title>
        {impacts.data && impacts.data.items.length === 0 && (
          <EmptyState
            action={
              <Anchor component={Link} href="/services">
                {t('nav.services')}
              </Anchor>
            }
          >
            {t('services.noImpact')}
          </EmptyState>
        )}
        {impacts.data && impacts.data.items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tickets.service')}</Table.Th>
                <Table.Th>{t('services.criticality')}</Table.Th>
                <Table.Th>{t('services.usersAffected')}</Table.Th>
                <Table.Th>{t('services.costPerHour')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {impacts.data.items.map((i) => (
                <Table.Tr key={i.serviceId}>
                  <Table.Td>{i.serviceName}</Table.Td>
                  <Table.Td>{t(`services.criticality.${i.criticality}`)}</Table.Td>
                  <Table.Td>{i.usersAffected ?? '—'}</Table.Td>
                  <Table.Td>{i.downtimeCostPerHour ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <NewContact
        customerId={id}
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={contacts.reload}
      />
    </Stack>
  );
}

function NewContact({
  customerId,
  opened,
  onClose,
  onAdded,
}: {
  readonly customerId: string;
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly onAdded: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [role, setRole] = useState('');
  const [level, setLevel] = useState<number>(0);
  const [reports, setReports] = useState(false);
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.POST('/api/v1/customers/{id}/contacts', {
        params: { path: { id: customerId } },
        body: {
          name,
          email: email || null,
          phone: phone || null,
          role: role || null,
          escalationLevel: level,
          receivesReports: reports,
        },
      }),
    );
    setName('');
    setEmail('');
    setPhone('');
    setRole('');
    onAdded();
    onClose();
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('contacts.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('app.add')}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput label={t('contacts.role')} value={role} onChange={(e) => setRole(e.currentTarget.value)} />
      <TextInput
        label={t('contacts.email')}
        type="email"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
      />
      <TextInput
        label={t('contacts.phone')}
        type="tel"
        value={phone}
        onChange={(e) => setPhone(e.currentTarget.value)}
      />
      <NumberInput
        label={t('contacts.escalation')}
        description={t('contacts.escalationHint')}
        min={0}
        max={9}
        value={level}
        onChange={(v) => setLevel(Number(v) || 0)}
      />
      <Checkbox
        label={t('contacts.reports')}
        checked={reports}
        onChange={(e) => setReports(e.currentTarget.checked)}
      />
    </FormModal>
  );
}

// One customer: its contacts with their escalation level, and what each service means to it.
import {
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import {
  ConfirmButton,
  DeleteButton,
  EditButton,
  EmptyState,
  ErrorAlert,
  useSubmit,
} from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Customer } from '../lib/catalog.ts';
import { TIME_ZONES } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../router.tsx';

type Contact = Answer<'/api/v1/contacts/{id}'>;

export default function CustomerDetail({ params }: { readonly params: Record<string, string> }) {
  const id = params['id'] ?? '';
  const { t } = useI18n();
  const { me } = useAuth();
  const manage = canManage(me);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Contact | null>(null);
  const [editingCustomer, setEditingCustomer] = useState(false);
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
          <Group gap="xs">
            <Anchor component={Link} href={`/tickets?customer=${id}`}>
              {t('nav.tickets')}
            </Anchor>
            <Anchor component={Link} href={`/reports?customer=${id}`}>
              {t('nav.reports')}
            </Anchor>
            {manage && (
              <Button size="xs" variant="light" onClick={() => setEditingCustomer(true)}>
                {t('customers.edit')}
              </Button>
            )}
            {manage && (
              <ConfirmButton
                size="xs"
                variant="subtle"
                color="red"
                question={t('customers.archiveQuestion', { name: customer.data.name })}
                onConfirm={async () => {
                  await unwrap(
                    api.PATCH('/api/v1/customers/{id}', {
                      params: { path: { id } },
                      body: { archived: true },
                    }),
                  );
                  navigate('/customers');
                }}
              >
                {t('customers.archive')}
              </ConfirmButton>
            )}
          </Group>
        </Group>
      )}
      {customer.data && (
        <Text size="sm" c="gray.7">
          {[
            customer.data.shortName,
            customer.data.timeZone,
            t('customers.reportsIn', { language: customer.data.locale === 'en' ? 'English' : 'Deutsch' }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      {customer.data?.notes && <Text size="sm">{customer.data.notes}</Text>}
      <Card withBorder>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            {t('customers.contacts')}
          </Title>
          {add}
        </Group>
        <ErrorAlert error={contacts.error} />
        {contacts.data && contacts.data.items.length === 0 && (
          <EmptyState action={add}>{manage ? t('contacts.empty') : t('contacts.emptyViewer')}</EmptyState>
        )}
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
                        <Group gap={4} wrap="nowrap">
                          <EditButton name={c.name} onClick={() => setEditing(c)} />
                          <DeleteButton
                            name={c.name}
                            onDelete={async () => {
                              await unwrap(
                                api.DELETE('/api/v1/contacts/{id}', { params: { path: { id: c.id } } }),
                              );
                              contacts.reload();
                            }}
                          />
                        </Group>
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
      {adding && (
        <ContactForm
          customerId={id}
          contact={null}
          onClose={() => setAdding(false)}
          onSaved={contacts.reload}
        />
      )}
      {editing && (
        <ContactForm
          customerId={id}
          contact={editing}
          onClose={() => setEditing(null)}
          onSaved={contacts.reload}
        />
      )}
      {editingCustomer && customer.data && (
        <EditCustomer
          customer={customer.data}
          onClose={() => setEditingCustomer(false)}
          onSaved={customer.reload}
        />
      )}
    </Stack>
  );
}

/** Adds a contact, or changes one when `contact` is given. Mounted while open, so it starts from the contact. */
function ContactForm({
  customerId,
  contact,
  onClose,
  onSaved,
}: {
  readonly customerId: string;
  readonly contact: Contact | null;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(contact?.name ?? '');
  const [email, setEmail] = useState(contact?.email ?? '');
  const [phone, setPhone] = useState(contact?.phone ?? '');
  const [role, setRole] = useState(contact?.role ?? '');
  const [level, setLevel] = useState<number>(contact?.escalationLevel ?? 0);
  const [reports, setReports] = useState(contact?.receivesReports ?? false);
  const { busy, error, submit } = useSubmit(async () => {
    const body = {
      name,
      email: email || null,
      phone: phone || null,
      role: role || null,
      escalationLevel: level,
      receivesReports: reports,
    };
    if (contact)
      await unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: contact.id } }, body }));
    else
      await unwrap(
        api.POST('/api/v1/customers/{id}/contacts', { params: { path: { id: customerId } }, body }),
      );
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={contact ? t('contacts.edit', { name: contact.name }) : t('contacts.new')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={contact ? t('app.save') : t('app.add')}
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

function EditCustomer({
  customer,
  onClose,
  onSaved,
}: {
  readonly customer: Customer;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(customer.name);
  const [shortName, setShortName] = useState(customer.shortName ?? '');
  const [timeZone, setTimeZone] = useState(customer.timeZone);
  const [language, setLanguage] = useState<'de' | 'en'>(customer.locale === 'en' ? 'en' : 'de');
  const [notes, setNotes] = useState(customer.notes ?? '');
  const { busy, error, submit } = useSubmit(async () => {
    await unwrap(
      api.PATCH('/api/v1/customers/{id}', {
        params: { path: { id: customer.id } },
        body: { name, shortName: shortName || null, timeZone, locale: language, notes: notes || null },
      }),
    );
    onSaved();
    onClose();
  });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={t('customers.edit')}
      busy={busy}
      error={error}
      onSubmit={submit}
      submitLabel={t('app.save')}
    >
      <TextInput
        label={t('app.name_')}
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <TextInput
        label={t('customers.shortName')}
        value={shortName}
        onChange={(e) => setShortName(e.currentTarget.value)}
      />
      <Select
        label={t('customers.timeZone')}
        description={t('customers.timeZoneHint')}
        data={[...TIME_ZONES]}
        searchable
        value={timeZone}
        onChange={(v) => v && setTimeZone(v)}
        allowDeselect={false}
      />
      <Select
        label={t('customers.language')}
        data={[
          { value: 'de', label: 'Deutsch' },
          { value: 'en', label: 'English' },
        ]}
        value={language}
        onChange={(v) => setLanguage(v === 'en' ? 'en' : 'de')}
        allowDeselect={false}
      />
      <Textarea label={t('app.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
    </FormModal>
  );
}

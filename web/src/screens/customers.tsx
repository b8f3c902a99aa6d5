// Customers: the list and adding one.
import { Anchor, Button, Select, Table, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap } from '../api/client.ts';
import { canManage, useAuth } from '../auth.tsx';
import { EmptyState, ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { FormModal } from '../components/form-modal.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { browserTimeZone, TIME_ZONES } from '../lib/format.ts';
import { useLoad } from '../lib/hooks.ts';
import { Link, navigate } from '../router.tsx';

export default function Customers() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [creating, setCreating] = useState(false);
  const list = useLoad(() => unwrap(api.GET('/api/v1/customers', { params: { query: { limit: 500 } } })), []);
  const add = canManage(me) ? <Button onClick={() => setCreating(true)}>{t('customers.new')}</Button> : null;
  return (
    <>
      <PageHeader title={t('customers.title')}>{add}</PageHeader>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      {list.data && list.data.items.length === 0 && (
        <EmptyState action={add}>{t('customers.empty')}</EmptyState>
      )}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={500}>
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('app.name_')}</Table.Th>
                <Table.Th>{t('customers.shortName')}</Table.Th>
                <Table.Th>{t('customers.timeZone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} href={`/customers/${c.id}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.shortName ?? '—'}</Table.Td>
                  <Table.Td>{c.timeZone}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewCustomer opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}

function NewCustomer({ opened, onClose }: { readonly opened: boolean; readonly onClose: () => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [timeZone, setTimeZone] = useState(browserTimeZone());
  const [language, setLanguage] = useState<'de' | 'en'>(locale);
  const [notes, setNotes] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    const created = await unwrap(
      api.POST('/api/v1/customers', {
        body: {
          name,
          timeZone,
          locale: language,
          ...(shortName ? { shortName } : {}),
          ...(notes ? { notes } : {}),
        },
      }),
    );
    navigate(`/customers/${created.id}`);
  });
  return (
    <FormModal
      opened={opened}
      onClose={onClose}
      title={t('customers.new')}
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
      <TextInput
        label={t('customers.shortName')}
        value={shortName}
        onChange={(e) => setShortName(e.currentTarget.value)}
      />
      <Select
        label={t('customers.timeZone')}
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

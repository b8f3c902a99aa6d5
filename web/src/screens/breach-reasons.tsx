// The list of breach reason categories agents choose from (managers and admins change it): labels in both
// languages, and switching a category off instead of removing one that tickets already record.
import { Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, unwrap, type Answer } from '../api/client.ts';
import { ErrorAlert, PageHeader, useSubmit } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLoad } from '../lib/hooks.ts';

type Reason = Answer<'/api/v1/breach-reasons'>['items'][number];
interface Row extends Reason {
  /** Only a new row's code can be typed; saved codes are what tickets refer to. */
  readonly isNew: boolean;
}

export default function BreachReasons() {
  const { t } = useI18n();
  const list = useLoad(() => unwrap(api.GET('/api/v1/breach-reasons')), []);
  const [rows, setRows] = useState<Row[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (list.data) setRows(list.data.items.map((r) => ({ ...r, isNew: false })));
  }, [list.data]);
  const change = (i: number, patch: Partial<Row>): void => {
    setSaved(false);
    setRows((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const save = useSubmit(async () => {
    await unwrap(
      api.PUT('/api/v1/breach-reasons', {
        body: {
          items: rows.map((r) => ({ code: r.code.trim(), label: r.label, active: r.active })),
        },
      }),
    );
    setSaved(true);
    list.reload();
  });
  return (
    <Stack>
      <PageHeader title={t('breach.settingsTitle')} />
      <Text size="sm">{t('breach.settingsHint')}</Text>
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Table.ScrollContainer minWidth={720}>
        <Table data-testid="breach-reasons">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('breach.code')}</Table.Th>
              <Table.Th>{t('breach.labelEn')}</Table.Th>
              <Table.Th>{t('breach.labelDe')}</Table.Th>
              <Table.Th>{t('breach.active')}</Table.Th>
              <Table.Th>{t('app.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>
                  {r.isNew ? (
                    <TextInput
                      aria-label={`${t('breach.code')} ${i + 1}`}
                      value={r.code}
                      onChange={(e) => change(i, { code: e.currentTarget.value })}
                    />
                  ) : (
                    <Text size="sm" ff="monospace">
                      {r.code}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('breach.labelEn')} ${i + 1}`}
                    value={r.label.en}
                    onChange={(e) => change(i, { label: { ...r.label, en: e.currentTarget.value } })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={`${t('breach.labelDe')} ${i + 1}`}
                    value={r.label.de}
                    onChange={(e) => change(i, { label: { ...r.label, de: e.currentTarget.value } })}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={`${t('breach.active')} ${i + 1}`}
                    checked={r.active}
                    onChange={(e) => change(i, { active: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  {r.isNew && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
                    >
                      {t('breach.remove')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ErrorAlert error={save.error} />
      <Group>
        <Button
          variant="light"
          onClick={() =>
            setRows((all) => [...all, { code: '', label: { en: '', de: '' }, active: true, isNew: true }])
          }
        >
          {t('breach.add')}
        </Button>
        <Button loading={save.busy} onClick={() => void save.submit()}>
          {t('app.save')}
        </Button>
        {saved && (
          <Text size="sm" role="status">
            {t('app.saved')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}

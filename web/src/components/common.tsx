// Small building blocks every screen uses: errors in words, empty states, confirmations, headers.
import { Alert, Button, Group, Modal, Stack, Text, Title, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.ts';
import { hasMessage, type Translate } from '../i18n/i18n.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** An API refusal (or any failure) as a sentence a person understands. */
export function errorText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.code === 'NETWORK') return t('error.network');
    const detail = error.errors.length
      ? error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')
      : error.detail;
    const key = `error.${error.code}`;
    if (hasMessage(key)) return t(key, { detail });
    return t('error.generic', { detail });
  }
  return t('error.generic', { detail: error instanceof Error ? error.message : String(error) });
}

export function ErrorAlert({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">{errorText(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}

export function EmptyState({
  children,
  action,
}: {
  readonly children: ReactNode;
  readonly action?: ReactNode;
}) {
  return (
    <Stack
      align="flex-start"
      gap="sm"
      p="md"
      style={{ border: '1px dashed var(--mantine-color-gray-5)', borderRadius: 8 }}
    >
      <Text>{children}</Text>
      {action}
    </Stack>
  );
}

export function PageHeader({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Group gap="xs">{children}</Group>
    </Group>
  );
}

/** A button that asks before it does something that cannot be undone. */
export function ConfirmButton({
  question,
  onConfirm,
  children,
  ...props
}: ButtonProps & {
  readonly question: string;
  readonly onConfirm: () => Promise<void> | void;
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...props} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('app.confirm')} centered>
        <Stack>
          <Text>{question}</Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('app.cancel')}
            </Button>
            <Button color={props.color ?? 'blue'} loading={busy} onClick={() => void confirm()}>
              {children}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A row's "Edit" button, named after its row for screen readers. */
export function EditButton({ name, onClick }: { readonly name: string; readonly onClick: () => void }) {
  const { t } = useI18n();
  return (
    <Button size="xs" variant="subtle" aria-label={`${t('app.edit')}: ${name}`} onClick={onClick}>
      {t('app.edit')}
    </Button>
  );
}

/** A row's "Delete" button, named after its row: asks first, then runs `onDelete`. */
export function DeleteButton({
  name,
  onDelete,
}: {
  readonly name: string;
  readonly onDelete: () => Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <ConfirmButton
      size="xs"
      variant="subtle"
      color="red"
      aria-label={`${t('app.delete')}: ${name}`}
      question={t('app.confirmDelete', { name })}
      onConfirm={onDelete}
    >
      {t('app.delete')}
    </ConfirmButton>
  );
}

/** Runs a submit handler with a busy flag and an error to show. */
export function useSubmit<A extends unknown[]>(
  run: (...args: A) => Promise<void>,
): {
  readonly busy: boolean;
  readonly error: unknown;
  readonly submit: (...args: A) => Promise<void>;
  readonly clear: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = async (...args: A): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await run(...args);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit, clear: () => setError(undefined) };
}

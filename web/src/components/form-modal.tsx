// The dialog every "new …" form uses: fields, the error in words, Cancel and a submit button.
import { Button, Group, Modal, Stack, type ModalProps } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorAlert } from './common.tsx';

/** A modal holding one form; `onSubmit` is usually the `submit` of `useSubmit`. */
export function FormModal({
  opened,
  onClose,
  title,
  busy,
  error,
  onSubmit,
  submitLabel,
  size,
  children,
}: {
  readonly opened: boolean;
  readonly onClose: () => void;
  readonly title: string;
  readonly busy: boolean;
  readonly error: unknown;
  readonly onSubmit: () => Promise<void> | void;
  /** Defaults to the translated "Create". */
  readonly submitLabel?: string;
  readonly size?: ModalProps['size'];
  readonly children: ReactNode;
}) {
  const { t } = useI18n();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void onSubmit();
  };
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size}>
      <form onSubmit={submit}>
        <Stack>
          {children}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {submitLabel ?? t('app.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import {
  Button,
  ButtonGroup,
  LoadingButton,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Select,
  Stack,
  Text,
  Textfield,
} from '@forge/react';
import { useState } from 'react';
import type { CreatedConnection } from '../../admin/connections';
import { isPullProvider } from '../../admin/pull-providers';
import { call, type ResolverError } from '../api';
import { CopyField } from './CopyField';
import { ErrorNotice } from './ErrorNotice';
import { errorAt, Field } from './Field';
import { METHOD_LABELS, PROVIDER_LABELS } from './labels';

type Provider = CreatedConnection['connection']['provider'];
type Method = CreatedConnection['connection']['method'];
interface Option<T> {
  label: string;
  value: T;
}

const PROVIDER_OPTIONS = (Object.keys(PROVIDER_LABELS) as Provider[]).map((value) => ({ label: PROVIDER_LABELS[value], value }));

/** "Add new app": a name, the provider and the method; a SCIM app's base URL and token are shown once, here. */
export function AddConnectionModal({ onClose }: { onClose(selectId?: string): void }) {
  const [name, setName] = useState('');
  const [provider, setProvider] = useState<Option<Provider> | null>(null);
  const [method, setMethod] = useState<Option<Method>>({ label: METHOD_LABELS.scim, value: 'scim' });
  const [error, setError] = useState<ResolverError>();
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CreatedConnection>();

  const methodOptions = (['scim', 'pull'] as const).map((value) => ({
    label: METHOD_LABELS[value],
    value,
    isDisabled: value === 'pull' && !isPullProvider(provider?.value),
  }));
  const chooseProvider = (option: Option<Provider> | null) => {
    setProvider(option);
    if (!isPullProvider(option?.value)) setMethod({ label: METHOD_LABELS.scim, value: 'scim' });
  };
  const create = async () => {
    setSaving(true);
    const result = await call('createConnection', { name, provider: provider?.value as Provider, method: method.value });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    if (!result.data.scim) return onClose(result.data.connection.id);
    setCreated(result.data);
  };

  if (created?.scim) {
    return (
      <ModalTransition>
        <Modal onClose={() => onClose(created.connection.id)}>
          <ModalHeader>
            <ModalTitle>{`${created.connection.name} is ready`}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <Stack space="space.200">
              <SectionMessage appearance="warning" title="Copy the token now">
                <Text>The token is shown only this once: only its hash is stored. If it is lost, rotate it on the Setup tab.</Text>
              </SectionMessage>
              <CopyField id="new-scim-base-url" label="SCIM base URL" copyLabel="Copy URL" value={created.scim.baseUrl} />
              <CopyField
                id="new-scim-token"
                label="Token"
                copyLabel="Copy token"
                value={created.scim.token}
                helper="Paste it into the IdP as the bearer token (Authorization: Bearer …)."
              />
            </Stack>
          </ModalBody>
          <ModalFooter>
            <Button appearance="primary" onClick={() => onClose(created.connection.id)}>
              Done, go to setup
            </Button>
          </ModalFooter>
        </Modal>
      </ModalTransition>
    );
  }

  return (
    <ModalTransition>
      <Modal onClose={() => onClose()}>
        <ModalHeader>
          <ModalTitle>Add new app</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <Stack space="space.200">
            <ErrorNotice error={error?.fields ? undefined : error} />
            <Field id="new-app-name" label="App name" error={errorAt(error?.fields, 'name')} helper="Shown in the list of configured IdPs.">
              <Textfield id="new-app-name" value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. Okta production" />
            </Field>
            <Field id="new-app-provider" label="Identity provider" error={errorAt(error?.fields, 'provider')}>
              <Select id="new-app-provider" options={PROVIDER_OPTIONS} value={provider} onChange={chooseProvider} placeholder="Choose…" />
            </Field>
            <Field
              id="new-app-method"
              label="Method"
              error={errorAt(error?.fields, 'method')}
              helper="SCIM push: the IdP sends changes as they happen. REST pull (Oracle IDCS, miniOrange): this app reads the IdP on a schedule."
            >
              <Select id="new-app-method" options={methodOptions} value={method} onChange={(option: Option<Method>) => setMethod(option)} />
            </Field>
          </Stack>
        </ModalBody>
        <ModalFooter>
          <ButtonGroup>
            <Button appearance="subtle" onClick={() => onClose()}>
              Cancel
            </Button>
            <LoadingButton appearance="primary" isLoading={saving} onClick={create}>
              Create app
            </LoadingButton>
          </ButtonGroup>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}

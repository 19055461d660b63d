import {
  Button,
  ButtonGroup,
  DynamicTable,
  EmptyState,
  Heading,
  Inline,
  List,
  ListItem,
  LoadingButton,
  Lozenge,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
  ModalTitle,
  ModalTransition,
  SectionMessage,
  Stack,
  Text,
} from '@forge/react';
import { useState } from 'react';
import type { RotatedToken } from '../../admin/scim-setup';
import { call, useResolver, type ResolverError } from '../api';
import { CopyField } from './CopyField';
import { ErrorNotice } from './ErrorNotice';
import { formatTime } from './labels';
import { guideSteps, SCIM_GUIDES } from './scim-guides';

/** The SCIM base URL, the token (rotate), the provider's guide, and the requests the IdP sent. */
export function ScimSetupPanel({ connectionId, visible }: { connectionId: string; visible: boolean }) {
  const setup = useResolver('getScimSetup', { connectionId }, !visible);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const [rotated, setRotated] = useState<RotatedToken>();
  const [error, setError] = useState<ResolverError>();

  const rotate = async () => {
    const result = await call('rotateToken', { connectionId });
    setConfirmRotate(false);
    if (!result.ok) return setError(result.error);
    setRotated(result.data);
    setup.reload();
  };

  if (!setup.data) return setup.error ? <ErrorNotice error={setup.error} /> : <Text>Loading…</Text>;
  const { data } = setup;
  return (
    <Stack space="space.300">
      <ErrorNotice error={error} />
      <Stack space="space.150">
        <Heading size="small">SCIM client details</Heading>
        <CopyField id="scim-base-url" label="SCIM base URL" copyLabel="Copy URL" value={data.baseUrl} />
        {rotated ? (
          <Stack space="space.100">
            <SectionMessage appearance="warning" title="New token: copy it now">
              <Text>The previous token stopped working. This one is shown only this once: paste it into the IdP.</Text>
            </SectionMessage>
            <CopyField id="scim-token" label="Token" copyLabel="Copy token" value={rotated.token} />
          </Stack>
        ) : (
          <Text>{`Bearer token: set ${formatTime(data.tokenCreatedAt)}. It was shown once, when it was made; only its hash is stored.`}</Text>
        )}
        <Inline space="space.100">
          <Button onClick={() => setConfirmRotate(true)}>Rotate token</Button>
        </Inline>
      </Stack>
      <Stack space="space.100">
        <Heading size="small">{SCIM_GUIDES[data.provider].title}</Heading>
        <List type="ordered">
          {guideSteps(data).map((step) => (
            <ListItem key={step}>
              <Text>{step}</Text>
            </ListItem>
          ))}
        </List>
      </Stack>
      <Stack space="space.100">
        <DynamicTable
          caption="Last requests received"
          emptyView={
            <EmptyState
              header="No request yet"
              description="Use the IdP's Test connection: the request shows here (reads are recorded at most once a minute)."
            />
          }
          head={{
            cells: [
              { key: 'at', content: 'Time' },
              { key: 'request', content: 'Request' },
              { key: 'status', content: 'Result' },
            ],
          }}
          rows={data.recentRequests.map((request, index) => ({
            key: `${request.at}-${index}`,
            cells: [
              { key: 'at', content: formatTime(request.at) },
              { key: 'request', content: `${request.method} ${request.path}` },
              { key: 'status', content: <Lozenge appearance={request.status < 400 ? 'success' : 'removed'}>{String(request.status)}</Lozenge> },
            ],
          }))}
        />
        <Inline spread="space-between" alignBlock="center">
          <Text>What the IdP sent lately: method, path and result, never the content.</Text>
          <LoadingButton appearance="subtle" isLoading={setup.loading} onClick={setup.reload}>
            Refresh
          </LoadingButton>
        </Inline>
      </Stack>
      {confirmRotate && (
        <ModalTransition>
          <Modal onClose={() => setConfirmRotate(false)}>
            <ModalHeader>
              <ModalTitle>Rotate the SCIM token?</ModalTitle>
            </ModalHeader>
            <ModalBody>
              <Text>The current token stops working at once: the IdP is refused until you paste the new token into it.</Text>
            </ModalBody>
            <ModalFooter>
              <ButtonGroup>
                <Button appearance="subtle" onClick={() => setConfirmRotate(false)}>
                  Cancel
                </Button>
                <Button appearance="warning" onClick={rotate}>
                  Rotate token
                </Button>
              </ButtonGroup>
            </ModalFooter>
          </Modal>
        </ModalTransition>
      )}
    </Stack>
  );
}

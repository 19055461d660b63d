import { Button, ButtonGroup, LoadingButton, Modal, ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@forge/react';
import type { ReactNode } from 'react';

export interface ModalAction {
  label: string;
  appearance: 'primary' | 'warning' | 'danger';
  busy: boolean;
  run(): void;
}

/** A modal that asks for one action on an app, with Cancel beside it. */
export function ActionModal(props: { title: string; action: ModalAction; onClose(): void; children: ReactNode }) {
  const { action } = props;
  return (
    <ModalTransition>
      <Modal onClose={props.onClose}>
        <ModalHeader>
          <ModalTitle>{props.title}</ModalTitle>
        </ModalHeader>
        <ModalBody>{props.children}</ModalBody>
        <ModalFooter>
          <ButtonGroup>
            <Button appearance="subtle" onClick={props.onClose}>
              Cancel
            </Button>
            <LoadingButton appearance={action.appearance} isLoading={action.busy} onClick={action.run}>
              {action.label}
            </LoadingButton>
          </ButtonGroup>
        </ModalFooter>
      </Modal>
    </ModalTransition>
  );
}

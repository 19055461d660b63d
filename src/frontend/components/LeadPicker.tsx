import { Button, ErrorMessage, Inline, Stack, Text, UserPicker } from '@forge/react';
import { useState } from 'react';

/** A user picker for an account id option (it shows the user, never the raw id), with a way to clear it (the picker itself cannot be emptied). */
export function LeadPicker(props: { label: string; description: string; accountId: string; error?: string; onChange(accountId: string): void }) {
  const [round, setRound] = useState(0);
  const clear = () => {
    props.onChange('');
    setRound(round + 1);
  };
  return (
    <Stack space="space.050">
      <UserPicker
        key={round}
        label={props.label}
        name={props.label}
        description={props.description}
        defaultValue={props.accountId || undefined}
        onChange={(user) => props.onChange(user?.id ?? '')}
      />
      <Inline space="space.100" alignBlock="center">
        <Text size="small">
          {props.accountId ? 'Set: the user shown in the picker' : 'Not set: inactive leads keep their projects and components'}
        </Text>
        {props.accountId && (
          <Button appearance="subtle" spacing="compact" onClick={clear}>
            {`Clear ${props.label.toLowerCase()}`}
          </Button>
        )}
      </Inline>
      {props.error && <ErrorMessage>{props.error}</ErrorMessage>}
    </Stack>
  );
}

import type { Store } from '../platform/ports';
import { defaultOptions, provisioningOptionsSchema, validateOptions, type OptionsValidation, type ProvisioningOptions } from './options';
import { connectionKeys } from '../storage/keys';

const optionsKey = connectionKeys.options;

/** The connection's provisioning options; the defaults until an admin saves some. */
export async function loadProvisioningOptions(store: Store, connectionId: string): Promise<ProvisioningOptions> {
  const item = await store.get(optionsKey(connectionId));
  return item ? provisioningOptionsSchema.parse(item.value) : defaultOptions();
}

/** Validates and saves; on failure nothing is written and the field-level issues come back. */
export async function saveProvisioningOptions(store: Store, connectionId: string, input: unknown): Promise<OptionsValidation> {
  const result = validateOptions(input);
  if (result.ok) await store.set(optionsKey(connectionId), result.options);
  return result;
}

import { renderUiKit, type KitInvoke, type UiKitScreen } from './ui-kit-render';
import { invokeResolver } from '../../src/admin/resolver-definitions';
import { App } from '../../src/frontend/App';
import type { AdminBed } from './admin-bed';

// The admin page in the jest UI Kit kit, over the real resolvers of an admin bed (or any invoke).

export function resolversOf(bed: AdminBed): KitInvoke {
  return (key, payload, context) => invokeResolver(bed.deps, key, payload, { ...context });
}

export function renderAdminPage(invoke: KitInvoke): Promise<UiKitScreen> {
  return renderUiKit(<App />, { invoke });
}

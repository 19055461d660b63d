import type { ScimSetup } from '../../admin/scim-setup';

// What to paste where in each IdP (the README's setup sections, shortened). Steps may name the setup's values:
// {baseUrl}, {host}, {basePath}.

export interface ScimGuide {
  title: string;
  steps: string[];
}

export const SCIM_GUIDES: Record<ScimSetup['provider'], ScimGuide> = {
  okta: {
    title: 'In Okta',
    steps: [
      'Applications → Browse App Catalog → "SCIM 2.0 Test App (OAuth Bearer Token)", or your own app with Provisioning: SCIM.',
      'Provisioning → Integration: SCIM connector base URL = {baseUrl}; Unique identifier field for users = userName; Authentication Mode = HTTP Header; Authorization = the token.',
      'Tick Import New Users and Profile Updates, Push New Users, Push Profile Updates and Push Groups, then Test Connector Configuration: the request appears below (with 401 if the token is wrong: copy it again).',
      'Provisioning → To App: enable Create Users, Update User Attributes and Deactivate Users.',
      'Assign people and groups; use Push Groups for the groups whose members should follow.',
    ],
  },
  entra: {
    title: 'In Microsoft Entra ID',
    steps: [
      'Enterprise applications → New application → Create your own application (non-gallery).',
      'Provisioning → Automatic: Tenant URL = {baseUrl}; Secret Token = the token; Test Connection (the request appears below).',
      'Mappings: keep userPrincipalName → userName, mail → emails[type eq "work"].value, Switch([IsSoftDeleted]…) → active; groups displayName → displayName, members → members.',
      'Settings → Scope: Sync only assigned users and groups; turn Provisioning Status on.',
    ],
  },
  'oracle-idcs': {
    title: 'In Oracle IDCS / OCI IAM identity domains',
    steps: [
      'Applications → Add → App Catalog → "GenericScim - Bearer Token".',
      'Provisioning: Host Name = {host}; Base URI = {basePath}; Access Token = the token.',
      'Test Connectivity (the request appears below), choose the provisioning operations, enable synchronisation and Refresh Application Data.',
      'Assign users and groups to the application and activate it.',
    ],
  },
  miniorange: {
    title: 'In miniOrange',
    steps: [
      'Admin console → Apps → Add Application → "SCIM Server (Destination)".',
      'Base URL = {baseUrl}; Bearer Token = the token; Test Connection (the request appears below).',
      'Turn on all provisioning toggles and save. SCIM push is miniOrange’s complete path: it has no API to list users for a REST pull.',
    ],
  },
  'custom-scim': {
    title: 'In any SCIM 2.0 client',
    steps: [
      'Point it at {baseUrl} and send Authorization: Bearer <token>.',
      'It can discover what is supported at /ServiceProviderConfig, /ResourceTypes and /Schemas.',
    ],
  },
};

export function guideSteps(setup: ScimSetup): string[] {
  return SCIM_GUIDES[setup.provider].steps.map((step) =>
    step.replaceAll('{baseUrl}', setup.baseUrl).replaceAll('{host}', setup.host).replaceAll('{basePath}', setup.basePath),
  );
}

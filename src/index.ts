export { scimTrigger } from './entry/scim-trigger';

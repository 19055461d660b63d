// What the UserPicker stand-in hands to onChange: UserPickerValue from @atlaskit/forge-react-types, built from
// what the admin typed (an account id or an email) since there is no user search locally.

export interface UserPickerValue {
  id: string;
  name: string;
  email: string;
  avatarUrl: string;
  type: 'user';
}

export function pickedUser(entry: string): UserPickerValue {
  return { id: entry, name: entry, email: entry.includes('@') ? entry : '', avatarUrl: '', type: 'user' };
}

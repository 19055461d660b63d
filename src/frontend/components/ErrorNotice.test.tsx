import { renderUiKit } from '../../../test/kit/ui-kit-render';
import { ErrorNotice } from './ErrorNotice';

describe('ErrorNotice', () => {
  const error = {
    code: 'invalid' as const,
    message: '2 fields need attention.',
    fields: {
      'config.settings.baseUrl': 'must be an https URL',
      'config.settings.deltaSkewSeconds': 'Invalid input: expected number, received string',
    },
  };

  it('lists the message of every field that the form does not show under a field of its own', async () => {
    const ui = await renderUiKit(<ErrorNotice error={error} shownFields={['config.settings.baseUrl', 'secret']} />);
    expect(ui.text()).toContain('2 fields need attention.');
    expect(ui.text()).toContain('deltaSkewSeconds: Invalid input: expected number, received string');
    expect(ui.text()).not.toContain('must be an https URL');
  });

  it('says the save failed, not "check the highlighted fields", when no field it names is on the form', async () => {
    const ui = await renderUiKit(
      <ErrorNotice error={{ ...error, fields: { 'config.settings.deltaSkewSeconds': 'expected number' } }} shownFields={['secret']} />,
    );
    expect(ui.find({ type: 'SectionMessage' }).props.title).toBe('Not saved');
  });
});

// The preview's stylesheet: ADS's look with the system font stack (no network fonts) and ADS token values
// as --ds-* custom properties.

export const PREVIEW_CSS = `
:root {
  --ds-text: #172B4D; --ds-text-subtle: #44546F; --ds-text-subtlest: #626F86; --ds-text-disabled: #091E424F;
  --ds-text-inverse: #FFFFFF; --ds-text-danger: #AE2E24; --ds-text-success: #216E4E; --ds-text-warning: #A54800;
  --ds-text-information: #0055CC; --ds-text-discovery: #5E4DB2; --ds-text-selected: #0C66E4; --ds-link: #0C66E4;
  --ds-surface: #FFFFFF; --ds-surface-sunken: #F7F8F9; --ds-surface-raised: #FFFFFF; --ds-surface-overlay: #FFFFFF;
  --ds-background-neutral: #091E420F; --ds-background-neutral-hovered: #091E4224; --ds-background-neutral-subtle: #00000000;
  --ds-background-neutral-subtle-hovered: #091E420F; --ds-background-neutral-bold: #44546F;
  --ds-background-brand-bold: #0C66E4; --ds-background-brand-bold-hovered: #0055CC;
  --ds-background-selected: #E9F2FF; --ds-background-disabled: #091E4208; --ds-background-input: #FFFFFF;
  --ds-background-information: #E9F2FF; --ds-background-success: #DCFFF1; --ds-background-warning: #FFF7D6;
  --ds-background-danger: #FFECEB; --ds-background-discovery: #F3F0FF;
  --ds-background-danger-bold: #C9372C; --ds-background-warning-bold: #F5CD47; --ds-background-success-bold: #1F845A;
  --ds-border: #091E4224; --ds-border-input: #8590A2; --ds-border-focused: #388BFF; --ds-border-danger: #E2483D;
  --ds-icon-information: #1D7AFC; --ds-icon-success: #22A06B; --ds-icon-warning: #E56910; --ds-icon-danger: #E2483D;
  --ds-icon-discovery: #8270DB; --ds-blanket: #091E427D; --ds-border-radius: 4px;
  --ds-shadow-overlay: 0 8px 12px #091E4226, 0 0 1px #091E424F;
}
* { box-sizing: border-box; }
html, body { margin: 0; background: var(--ds-surface); color: var(--ds-text);
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, Oxygen, Ubuntu, "Fira Sans", "Droid Sans", "Helvetica Neue", sans-serif;
  font-size: 14px; line-height: 20px; }
.fp-chrome { display: flex; gap: 8px; align-items: center; padding: 8px 24px; background: var(--ds-surface-sunken);
  border-bottom: 1px solid var(--ds-border); color: var(--ds-text-subtle); font-size: 12px; }
.fp-chrome strong { color: var(--ds-text); }
.fp-preview-page { padding: 24px 40px 64px; max-width: 1200px; }
#preview-notices:empty { display: none; }
#preview-notices { padding: 8px 24px 0; display: flex; flex-direction: column; gap: 4px; }
.fp-notice { padding: 6px 12px; border-radius: 4px; font-size: 12px; }
.fp-notice-error { background: var(--ds-background-danger); color: var(--ds-text-danger); }
.fp-notice-warning { background: var(--ds-background-warning); color: var(--ds-text-warning); }
.fp-unsupported { border: 2px dashed var(--ds-border-danger); background: var(--ds-background-danger); color: var(--ds-text-danger);
  padding: 8px 12px; border-radius: 4px; }
.fp-inert { outline: 1px dashed var(--ds-icon-warning); outline-offset: 2px; display: inline-block; }

.fp-stack, .fp-inline { display: flex; min-width: 0; }
.fp-separator { color: var(--ds-text-subtlest); }
.fp-heading { margin: 0; color: var(--ds-text); font-weight: 653; }
.fp-heading-xxlarge { font-size: 35px; line-height: 40px; } .fp-heading-xlarge { font-size: 29px; line-height: 32px; }
.fp-heading-large { font-size: 24px; line-height: 28px; } .fp-heading-medium { font-size: 20px; line-height: 24px; }
.fp-heading-small { font-size: 16px; line-height: 20px; } .fp-heading-xsmall { font-size: 14px; line-height: 20px; }
.fp-heading-xxsmall { font-size: 12px; line-height: 16px; }
.fp-text { margin: 0; } p.fp-text + p.fp-text { margin-top: 8px; }
.fp-text-small { font-size: 12px; line-height: 16px; } .fp-text-large { font-size: 16px; line-height: 24px; }
.fp-weight-medium { font-weight: 500; } .fp-weight-semibold { font-weight: 600; } .fp-weight-bold { font-weight: 700; }
.fp-clamp { display: -webkit-box; -webkit-box-orient: vertical; overflow: hidden; }
.fp-link, .fp-link-button { color: var(--ds-link); text-decoration: none; cursor: pointer; }
.fp-link:hover, .fp-link-button:hover { text-decoration: underline; }
.fp-link-button { background: none; border: 0; padding: 0; font: inherit; }
.fp-code { font-family: ui-monospace, Menlo, "Segoe UI Mono", "Ubuntu Mono", monospace; font-size: 0.875em;
  background: var(--ds-background-neutral); border-radius: 3px; padding: 2px 4px; }
.fp-codeblock { display: flex; background: var(--ds-surface-sunken); border-radius: 3px; overflow: auto;
  font-family: ui-monospace, Menlo, "Ubuntu Mono", monospace; font-size: 12px; line-height: 20px; }
.fp-codeblock pre { margin: 0; padding: 8px; }
.fp-line-numbers { color: var(--ds-text-subtlest); text-align: right; background: var(--ds-background-neutral); }
.fp-codeblock.fp-wrap pre { white-space: pre-wrap; }
.fp-list { margin: 0; padding-left: 24px; }
.fp-image-xsmall { max-width: 48px; } .fp-image-small { max-width: 96px; } .fp-image-medium { max-width: 192px; }
.fp-image-large { max-width: 384px; } .fp-image-xlarge { max-width: 768px; }

.fp-lozenge { display: inline-block; padding: 0 4px; border-radius: 3px; font-size: 11px; font-weight: 700; line-height: 16px;
  text-transform: uppercase; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; vertical-align: baseline;
  background: #DFE1E6; color: #44546F; }
.fp-lozenge-success { background: #BAF3DB; color: #216E4E; } .fp-lozenge-removed, .fp-lozenge-danger { background: #FFD5D2; color: #AE2E24; }
.fp-lozenge-inprogress, .fp-lozenge-information { background: #CCE0FF; color: #0055CC; }
.fp-lozenge-new, .fp-lozenge-discovery { background: #DFD8FD; color: #5E4DB2; }
.fp-lozenge-moved, .fp-lozenge-warning { background: #F8E6A0; color: #A54800; }
.fp-lozenge.fp-bold { background: #44546F; color: #FFFFFF; }
.fp-lozenge-success.fp-bold { background: #1F845A; } .fp-lozenge-removed.fp-bold, .fp-lozenge-danger.fp-bold { background: #C9372C; }
.fp-lozenge-inprogress.fp-bold, .fp-lozenge-information.fp-bold { background: #0C66E4; }
.fp-lozenge-new.fp-bold, .fp-lozenge-discovery.fp-bold { background: #6E5DC6; }
.fp-lozenge-moved.fp-bold, .fp-lozenge-warning.fp-bold { background: #F5CD47; color: #172B4D; }
.fp-badge { display: inline-block; min-width: 24px; padding: 0 6px; border-radius: 8px; font-size: 12px; line-height: 16px;
  text-align: center; background: var(--ds-background-neutral); color: var(--ds-text); }
.fp-badge-primary { background: #0C66E4; color: #FFFFFF; } .fp-badge-important, .fp-badge-danger { background: #C9372C; color: #FFFFFF; }
.fp-badge-added, .fp-badge-success { background: #DCFFF1; color: #216E4E; } .fp-badge-removed { background: #FFECEB; color: #AE2E24; }
.fp-badge-primaryInverted { background: #FFFFFF; color: #0C66E4; }
.fp-section-message { display: flex; gap: 16px; padding: 16px; border-radius: 3px; background: var(--ds-background-information); }
.fp-sm-success { background: var(--ds-background-success); } .fp-sm-warning { background: var(--ds-background-warning); }
.fp-sm-error { background: var(--ds-background-danger); } .fp-sm-discovery { background: var(--ds-background-discovery); }
.fp-section-message > .fp-icon { flex: none; color: #FFFFFF; background: var(--ds-icon-information); }
.fp-sm-success > .fp-icon { background: var(--ds-icon-success); } .fp-sm-warning > .fp-icon { background: var(--ds-icon-warning); }
.fp-sm-error > .fp-icon { background: var(--ds-icon-danger); } .fp-sm-discovery > .fp-icon { background: var(--ds-icon-discovery); }
.fp-sm-content { display: flex; flex-direction: column; gap: 8px; min-width: 0; }
.fp-sm-title { margin: 0; font-size: 16px; line-height: 20px; font-weight: 600; }
.fp-sm-actions { display: flex; gap: 16px; }
.fp-progress { height: 6px; border-radius: 3px; background: var(--ds-background-neutral); overflow: hidden; }
.fp-progress-bar { height: 100%; background: var(--ds-background-neutral-bold); border-radius: 3px; }
.fp-progress-success .fp-progress-bar { background: var(--ds-background-success-bold); }
.fp-progress.fp-indeterminate .fp-progress-bar { width: 30%; animation: fp-slide 1.2s infinite linear; }
@keyframes fp-slide { from { transform: translateX(-100%); } to { transform: translateX(400%); } }
.fp-spinner { display: inline-block; flex: none; border: 2px solid var(--ds-background-neutral-hovered); border-top-color: var(--ds-text-subtle);
  border-radius: 50%; animation: fp-spin 0.8s linear infinite; vertical-align: middle; }
.fp-spinner.fp-invert { border-color: #FFFFFF55; border-top-color: #FFFFFF; }
@keyframes fp-spin { to { transform: rotate(360deg); } }
.fp-empty-state { display: flex; flex-direction: column; align-items: center; gap: 8px; text-align: center; padding: 48px 16px;
  max-width: 464px; margin: 0 auto; }
.fp-empty-state.fp-narrow { max-width: 304px; }
.fp-empty-header { margin: 0; font-size: 20px; line-height: 24px; font-weight: 600; }
.fp-empty-description { color: var(--ds-text-subtle); }
.fp-tooltip { position: relative; display: inline-flex; }
.fp-tooltip:hover::after { content: attr(data-tooltip); position: absolute; top: calc(100% + 4px); left: 0; z-index: 10;
  background: #172B4D; color: #FFFFFF; font-size: 12px; line-height: 16px; padding: 2px 6px; border-radius: 3px; white-space: nowrap; }
.fp-icon { display: inline-flex; align-items: center; justify-content: center; flex: none; width: 20px; height: 20px;
  border-radius: 50%; font-size: 12px; font-weight: 700; line-height: 1; background: var(--ds-background-neutral); color: var(--ds-text-subtle); }
.fp-icon-small { width: 16px; height: 16px; font-size: 10px; } .fp-icon-large { width: 32px; height: 32px; font-size: 18px; }
.fp-tag-group { display: flex; flex-wrap: wrap; gap: 4px; } .fp-tag-group.fp-end { justify-content: flex-end; }
.fp-tag { display: inline-flex; align-items: center; gap: 4px; height: 20px; padding: 0 4px; border-radius: 3px;
  background: var(--ds-background-neutral); font-size: 12px; color: var(--ds-text); }
.fp-tag.fp-rounded { border-radius: 10px; padding: 0 8px; }
.fp-tag-remove { border: 0; background: none; cursor: pointer; font-size: 10px; color: var(--ds-text-subtle); padding: 0 2px; }

.fp-button { display: inline-flex; align-items: center; justify-content: center; gap: 4px; height: 32px; padding: 0 12px;
  border: 0; border-radius: 3px; font: inherit; font-weight: 500; cursor: pointer; white-space: nowrap; text-decoration: none;
  background: var(--ds-background-neutral); color: var(--ds-text-subtle); position: relative; }
.fp-button:hover { background: var(--ds-background-neutral-hovered); }
.fp-button:focus-visible, .fp-pressable:focus-visible, .fp-tab:focus-visible { outline: 2px solid var(--ds-border-focused); outline-offset: 2px; }
.fp-button-primary { background: var(--ds-background-brand-bold); color: #FFFFFF; } .fp-button-primary:hover { background: var(--ds-background-brand-bold-hovered); }
.fp-button-danger { background: var(--ds-background-danger-bold); color: #FFFFFF; } .fp-button-danger:hover { background: #AE2E24; }
.fp-button-warning { background: var(--ds-background-warning-bold); color: #172B4D; }
.fp-button-subtle { background: transparent; } .fp-button-subtle:hover { background: var(--ds-background-neutral-subtle-hovered); }
.fp-button-link, .fp-button-subtle-link { background: transparent; color: var(--ds-link); }
.fp-button-link:hover, .fp-button-subtle-link:hover { background: transparent; text-decoration: underline; }
.fp-button.fp-selected { background: var(--ds-background-selected); color: var(--ds-text-selected); }
.fp-button:disabled { background: var(--ds-background-disabled); color: var(--ds-text-disabled); cursor: not-allowed; }
.fp-button .fp-icon { background: transparent; color: inherit; }
.fp-spacing-compact { height: 24px; padding: 0 8px; } .fp-spacing-none { height: auto; padding: 0; }
.fp-fit { width: 100%; }
.fp-button.fp-loading > :not(.fp-button-spinner) { visibility: hidden; }
.fp-button-spinner { position: absolute; width: 16px; height: 16px; }
.fp-button-group { display: inline-flex; flex-wrap: wrap; gap: 4px; }
.fp-pressable { border: 0; font: inherit; cursor: pointer; background: transparent; color: inherit; text-align: inherit; padding: 0; }

.fp-form { display: flex; flex-direction: column; gap: 8px; max-width: 640px; }
.fp-form-header { display: flex; flex-direction: column; gap: 8px; margin-bottom: 8px; }
.fp-form-description { color: var(--ds-text-subtle); }
.fp-form-section { border: 0; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.fp-form-section > legend { padding: 0; margin-bottom: 8px; }
.fp-form-footer { display: flex; gap: 8px; margin-top: 16px; } .fp-align-end { justify-content: flex-end; } .fp-align-start { justify-content: flex-start; }
.fp-label { display: block; margin-top: 12px; font-size: 12px; line-height: 16px; font-weight: 600; color: var(--ds-text-subtle); }
.fp-required { color: var(--ds-text-danger); padding-left: 2px; }
.fp-message { display: flex; align-items: center; gap: 4px; margin-top: 4px; font-size: 12px; line-height: 16px; color: var(--ds-text-subtlest); }
.fp-message-error { color: var(--ds-text-danger); } .fp-message-valid { color: var(--ds-text-success); }
.fp-message .fp-icon { background: transparent; color: inherit; }
.fp-textfield { display: flex; align-items: center; width: 100%; border: 1px solid var(--ds-border-input);
  border-radius: 3px; background: var(--ds-background-input); }
.fp-textfield:focus-within, .fp-input:focus { border-color: var(--ds-border-focused); box-shadow: inset 0 0 0 1px var(--ds-border-focused); outline: none; }
.fp-textfield .fp-input { flex: 1; min-width: 0; border: 0; background: transparent; box-shadow: none; }
.fp-input { font: inherit; color: var(--ds-text); padding: 7px 8px; }
.fp-textfield.fp-invalid, .fp-input.fp-invalid, .fp-textarea.fp-invalid { border-color: var(--ds-border-danger); }
.fp-textfield.fp-disabled { background: var(--ds-background-disabled); }
.fp-appearance-subtle { border-color: transparent; background: transparent; } .fp-appearance-none { border: 0; background: transparent; }
.fp-compact .fp-input, .fp-input.fp-compact { padding: 3px 6px; }
.fp-monospaced { font-family: ui-monospace, Menlo, "Ubuntu Mono", monospace; }
.fp-textarea { display: block; width: 100%; border: 1px solid var(--ds-border-input); border-radius: 3px; background: var(--ds-background-input); }
.fp-select select { width: 100%; border: 1px solid var(--ds-border-input); border-radius: 3px; background: var(--ds-background-input); height: 36px; }
.fp-select select[multiple] { height: auto; }
.fp-checkbox, .fp-radio { display: flex; align-items: center; gap: 8px; padding: 4px 0; cursor: pointer; }
.fp-checkbox input, .fp-radio input { width: 16px; height: 16px; margin: 0; accent-color: #0C66E4; }
.fp-checkbox.fp-disabled, .fp-radio.fp-disabled { color: var(--ds-text-disabled); cursor: not-allowed; }
.fp-radio-group { display: flex; flex-direction: column; }
.fp-toggle { position: relative; display: inline-block; width: 40px; height: 24px; margin: 4px 0; }
.fp-toggle-large { width: 52px; height: 32px; }
.fp-toggle input { position: absolute; inset: 0; width: 100%; height: 100%; margin: 0; opacity: 0; cursor: pointer; z-index: 1; }
.fp-toggle-track { position: absolute; inset: 0; border-radius: 12px; background: var(--ds-background-neutral-bold); transition: background 0.2s; }
.fp-toggle-large .fp-toggle-track { border-radius: 16px; }
.fp-toggle-track::after { content: ""; position: absolute; top: 4px; left: 4px; width: 16px; height: 16px; border-radius: 50%;
  background: #FFFFFF; transition: transform 0.2s; }
.fp-toggle-large .fp-toggle-track::after { width: 24px; height: 24px; }
.fp-toggle input:checked + .fp-toggle-track { background: var(--ds-background-success-bold); }
.fp-toggle input:checked + .fp-toggle-track::after { transform: translateX(16px); }
.fp-toggle-large input:checked + .fp-toggle-track::after { transform: translateX(20px); }
.fp-toggle input:focus-visible + .fp-toggle-track { outline: 2px solid var(--ds-border-focused); outline-offset: 2px; }
.fp-toggle.fp-disabled .fp-toggle-track { opacity: 0.5; }
.fp-user-picker { display: flex; flex-direction: column; }

.fp-table-wrap { position: relative; }
.fp-table { width: 100%; border-collapse: collapse; }
.fp-table.fp-fixed { table-layout: fixed; }
.fp-table caption { text-align: left; font-size: 20px; line-height: 24px; font-weight: 600; padding-bottom: 8px; }
.fp-table th { text-align: left; color: var(--ds-text-subtle); font-size: 12px; font-weight: 600; padding: 4px 8px;
  border-bottom: 2px solid var(--ds-border); }
.fp-table td { padding: 4px 8px; border-bottom: 1px solid var(--ds-border); vertical-align: middle; height: 40px; }
.fp-table tr.fp-highlighted td { background: var(--ds-background-selected); }
.fp-table .fp-truncate { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.fp-empty-row td { text-align: center; color: var(--ds-text-subtle); padding: 24px 8px; }
.fp-sort { border: 0; background: none; font: inherit; color: inherit; cursor: pointer; padding: 0; }
.fp-table-wrap.fp-loading tbody { opacity: 0.3; }
.fp-table-loading { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; }
.fp-pagination { display: flex; justify-content: center; gap: 2px; margin-top: 8px; }
.fp-page-button { min-width: 32px; height: 32px; border: 0; border-radius: 3px; background: transparent; font: inherit; cursor: pointer; color: var(--ds-text); }
.fp-page-button:hover { background: var(--ds-background-neutral-subtle-hovered); }
.fp-page-button[aria-current="page"] { background: var(--ds-background-selected); color: var(--ds-text-selected); font-weight: 600; }
.fp-page-button:disabled { color: var(--ds-text-disabled); cursor: not-allowed; background: transparent; }

.fp-tab-list { display: flex; gap: 0; border-bottom: 2px solid var(--ds-border); margin-bottom: 16px; }
.fp-tab { border: 0; background: none; font: inherit; font-weight: 500; color: var(--ds-text-subtle); padding: 6px 8px; margin-bottom: -2px;
  border-bottom: 2px solid transparent; cursor: pointer; }
.fp-tab:hover { color: var(--ds-text); }
.fp-tab[aria-selected="true"] { color: var(--ds-text-selected); border-bottom-color: var(--ds-text-selected); }

.fp-blanket { position: fixed; inset: 0; z-index: 500; background: var(--ds-blanket); display: flex; align-items: flex-start;
  justify-content: center; padding-top: 60px; }
.fp-modal { background: var(--ds-surface-overlay); border-radius: 3px; box-shadow: var(--ds-shadow-overlay); max-width: calc(100vw - 120px);
  max-height: calc(100vh - 120px); display: flex; flex-direction: column; outline: none; }
.fp-modal-header { padding: 24px 24px 22px; display: flex; align-items: center; justify-content: space-between; }
.fp-modal-title { margin: 0; font-size: 20px; line-height: 24px; font-weight: 600; display: flex; gap: 8px; align-items: center; }
.fp-modal-body { padding: 2px 24px; overflow: auto; flex: 1; }
.fp-modal-footer { padding: 22px 24px 24px; display: flex; justify-content: flex-end; gap: 8px; }

#preview-flags { position: fixed; left: 24px; bottom: 24px; z-index: 600; display: flex; flex-direction: column-reverse; gap: 8px; }
.fp-flag { display: flex; gap: 12px; align-items: flex-start; width: 400px; padding: 16px; border-radius: 3px;
  background: var(--ds-surface-overlay); box-shadow: var(--ds-shadow-overlay); }
.fp-flag .fp-icon { color: #FFFFFF; background: var(--ds-icon-information); }
.fp-flag-success .fp-icon { background: var(--ds-icon-success); } .fp-flag-warning .fp-icon { background: var(--ds-icon-warning); }
.fp-flag-error .fp-icon { background: var(--ds-icon-danger); }
.fp-flag-content { flex: 1; display: flex; flex-direction: column; gap: 4px; }
.fp-flag-actions { display: flex; gap: 12px; }
.fp-flag-close { border: 0; background: none; cursor: pointer; color: var(--ds-text-subtle); }
`;

import type { AdminPreviewContext } from './preview-context';

// The page behind GET /admin. host.js runs first (it installs the bridge the app's bundle looks up when it
// loads), then app.js renders into #root.

export function adminPreviewHtml(title: string, context: AdminPreviewContext): string {
  // JSON inside <script>: only "<" can end the element early.
  const contextJson = JSON.stringify(context).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/admin/static/icon.svg">
<link rel="stylesheet" href="/admin/static/preview.css">
<title>${escapeHtml(title)} — local preview</title>
</head>
<body>
<div class="fp-chrome"><strong>${escapeHtml(title)}</strong>
<span>Local preview of the ${escapeHtml(context.extension.type)} module (${escapeHtml(context.moduleKey)}), not Atlassian</span></div>
<div id="preview-notices"></div>
<main class="fp-preview-page" id="root"></main>
<div id="preview-flags"></div>
<script type="application/json" id="forge-context">${contextJson}</script>
<script src="/admin/host.js"></script>
<script src="/admin/app.js"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import webpack from 'webpack';

// Bundles the UI Kit app the way Forge does (webpack 5 + ts-loader, React 18 + @forge/react from this
// project's node_modules) into app.js, and the preview host into host.js.

export interface BuildAdminPreviewOptions {
  /** The UI Kit entry: the manifest resource's path, e.g. src/frontend/index.tsx. */
  entry: string;
  outDir: string;
  /** Where entry, tsconfig.json and node_modules are; defaults to the working directory. */
  projectRoot?: string;
  /** development (default) keeps React's warnings and source maps. */
  mode?: 'development' | 'production';
}

export interface AdminPreviewBundle {
  appJs: string;
  hostJs: string;
}

const HOST_ENTRY = join(__dirname, 'host.ts');

export async function buildAdminPreview(options: BuildAdminPreviewOptions): Promise<AdminPreviewBundle> {
  const root = resolve(options.projectRoot ?? process.cwd());
  const outDir = resolve(root, options.outDir);
  const mode = options.mode ?? 'development';
  const compiler = webpack({
    mode,
    context: root,
    target: 'web',
    devtool: mode === 'development' ? 'inline-source-map' : false,
    entry: { app: resolve(root, options.entry), host: HOST_ENTRY },
    // One file per entry (dynamic imports included) so that the server's two cached files are the whole app.
    output: { path: outDir, filename: '[name].js', asyncChunks: false },
    resolve: { extensions: ['.tsx', '.ts', '.jsx', '.js', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: require.resolve('ts-loader'),
            // Type errors are tsc's job; the preview must start even while the page is being written.
            options: { transpileOnly: true, configFile: join(root, 'tsconfig.json'), compilerOptions: { sourceMap: mode === 'development' } },
          },
        },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: 'error' },
  });
  const stats = await new Promise<webpack.Stats>((done, fail) => {
    compiler.run((error, result) => {
      compiler.close(() => undefined);
      if (error || !result) fail(error ?? new Error('webpack produced no result'));
      else done(result);
    });
  });
  if (stats.hasErrors()) {
    const errors = stats.toJson({ all: false, errors: true }).errors ?? [];
    throw new Error(`Building the admin preview failed:\n${errors.map((error) => error.message).join('\n\n')}`);
  }
  const [appJs, hostJs] = await Promise.all([readFile(join(outDir, 'app.js'), 'utf8'), readFile(join(outDir, 'host.js'), 'utf8')]);
  return { appJs, hostJs };
}

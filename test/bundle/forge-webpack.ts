// Builds bundles the way `forge deploy` does, to see what reaches them. @forge/bundler is not installed (it
// comes with the Forge CLI and its login-bound tooling), so this mirrors its settings: webpack 5 and ts-loader
// with transpileOnly; functions for target node as CommonJS (libraryTarget commonjs2) with node built-ins
// external; UI Kit resources for target web. Minifying, source maps and the cache are off: they change what
// is emitted, not which modules are reached. Development mode builds faster here than production.
import { resolve } from 'node:path';
import webpack, { type Compilation, type Configuration, type Module } from 'webpack';

export const repoRoot = resolve(__dirname, '../..');

export type BundleTarget = 'node' | 'web';

export interface BundledModule {
  /** Repository-relative path of a source file, or `external:<request>`. */
  id: string;
  /** Who imported it: its issuer, the issuer's issuer, ... up to the entry. */
  importedBy: string[];
}

export interface BundleResult {
  modules: BundledModule[];
  errors: string[];
  elapsedMs: number;
}

export function forgeWebpackConfig(entry: string, target: BundleTarget, outputDir: string): Configuration {
  return {
    mode: 'development',
    context: repoRoot,
    target,
    entry: { index: entry },
    output: {
      path: outputDir,
      filename: '[name].js',
      ...(target === 'node' ? { libraryTarget: 'commonjs2' } : {}),
    },
    externalsPresets: { node: target === 'node' },
    resolve: { extensions: ['.ts', '.tsx', '.js', '.jsx', '.json'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: resolve(repoRoot, 'tsconfig.json') } },
        },
      ],
    },
    cache: false,
    devtool: false,
    optimization: { minimize: false, concatenateModules: false },
    infrastructureLogging: { level: 'error' },
  };
}

/** Runs webpack and lists every module it built, whether or not tree shaking kept it. */
export function bundle(config: Configuration): Promise<BundleResult> {
  const started = Date.now();
  const compiler = webpack(config);
  return new Promise((done, fail) => {
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error || !stats) return fail(error ?? new Error('webpack returned no stats'));
      const { compilation } = stats;
      done({
        modules: [...compilation.modules].map((module) => ({
          id: moduleId(module),
          importedBy: issuers(compilation, module),
        })),
        errors: compilation.errors.map((e) => e.message),
        elapsedMs: Date.now() - started,
      });
    });
  });
}

function moduleId(module: Module): string {
  if (module instanceof webpack.ExternalModule) return `external:${String(module.request)}`;
  const resource = (module as Partial<webpack.NormalModule>).resource;
  if (!resource) return module.identifier();
  const path = resource.split('?')[0];
  return path.startsWith(`${repoRoot}/`) ? path.slice(repoRoot.length + 1) : path;
}

function issuers(compilation: Compilation, module: Module): string[] {
  const chain: string[] = [];
  for (let issuer = compilation.moduleGraph.getIssuer(module); issuer; issuer = compilation.moduleGraph.getIssuer(issuer)) {
    chain.push(moduleId(issuer));
  }
  return chain;
}

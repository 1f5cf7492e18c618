const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { existsSync } = require('fs');
const { basename, join } = require('path');

/**
 * The one webpack configuration of every service: a Node bundle in
 * dist/apps/<service>, its package.json for the image, and its tenant migrations
 * (if it has a prisma/migrations folder) copied beside it.
 */
module.exports = function serviceWebpackConfig(projectDir) {
  const service = basename(projectDir);
  const hasMigrations = existsSync(join(projectDir, 'prisma', 'migrations'));
  return {
    output: {
      path: join(projectDir, '../../dist/apps', service),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && { devtoolModuleFilenameTemplate: '[absolute-resource-path]' }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
        assets: hasMigrations ? [{ input: './prisma/migrations', glob: '**/*/migration.sql', output: 'migrations' }] : [],
      }),
    ],
  };
};

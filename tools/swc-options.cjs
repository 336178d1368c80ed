// One SWC configuration for tests (@swc/jest) and builds (tools/build-app.mjs):
// Nest's dependency injection needs legacy decorators with emitted type metadata.
module.exports = function swcOptions(moduleType) {
  return {
    swcrc: false,
    sourceMaps: 'inline',
    module: { type: moduleType },
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
  };
};

// Preloaded (node --require) into each app that `npm start` runs. The app's stdin is a pipe from
// tools/start.mjs, which the kernel closes when start.mjs dies, however it dies (even SIGKILL):
// the app then stops as on SIGTERM, so no app outlives the stack.
process.stdin.on('end', () => {
  process.kill(process.pid, 'SIGTERM');
  // Bounded: an app whose shutdown hangs is not left behind either.
  setTimeout(() => process.exit(1), 10_000).unref();
});
process.stdin.resume();
// Reading stdin must not keep an app alive that has finished on its own.
process.stdin.unref();

// A suite whose tests are steps of one story: after a step fails, the later ones are skipped
// (counted as skipped; they would only report noise). Not mocha's this.bail(true): mocha skips a
// bail suite entirely, its tests never counted, as soon as any test anywhere before it failed.

/** Call inside a describe(): later tests of this suite are skipped once one of them has failed. */
export function skipAfterFirstFailure(): void {
  let failed = false;
  beforeEach(function () {
    if (failed) this.skip();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
}

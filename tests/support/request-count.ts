/**
 * Requests the test apps answered in this test file (the harness counts each once answered), written at
 * the end of the file next to the log capture: the teardown then knows how many request
 * lines the capture must hold at least, so it cannot pass on a capture that lost lines.
 */
export const requestCount = { value: 0 };

// Package conformance is the proof that the playground's template engine is API Gateway's.
//
// Its tests render every case of a committed corpus (testdata/vtl/) with the project's
// engine (mapping.Render) and compare the result with two references:
//
//   - the VTL oracle (shared/tools/vtl-oracle): Apache Velocity 1.7 calibrated to API
//     Gateway, run once as a JVM for the whole corpus. Its answers are committed next to
//     the corpus (*.expected.jsonl) so that the comparison runs on machines without Java;
//     where Java is present the oracle is re-run live and a stale expectation fails.
//   - recordings made against real AWS (shared/reference), which win wherever they and the
//     oracle disagree.
//
// Every case that is allowed to differ is listed, with its reason, in
// testdata/vtl/known-divergences.json and in docs/fidelity.md.
//
// The package's non-test code is the small machinery those tests share: the corpus format
// (and the oracle's input line for a case), the comparison modes of the AWS recordings and
// the random template generator. The oracle process itself is run by internal/vtloracle,
// which the sim/vtl and sim/mapping tests use too.
package conformance

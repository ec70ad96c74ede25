using AutoGrad.Samples;

// Each scenario prints its own progress and records its checks; the table at the end sums up,
// and the exit code is non-zero when any check fails.
var report = new Report();

NotebookPartials.Run(report);
GradientDescent.Run(report);
LinearFit.Run(report);

return report.Print();

/** Each background job adds one import here; the job module pushes itself into `localJobs`. */
export {};

/** Each background job adds one import here; the job module pushes itself into `localJobs`. */
import './relay-job.js';
import './sync-job.js';
import './freshness-job.js';
import './decisions-job.js';
import './checkin-job.js';
export {};

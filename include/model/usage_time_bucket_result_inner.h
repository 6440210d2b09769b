/* model/usage_time_bucket_result_inner.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

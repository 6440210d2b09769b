/* model/workload_identity_provider_verification_request.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

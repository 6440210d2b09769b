/* model/workload_identity_federation_rule_create_request.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

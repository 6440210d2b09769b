/* api/WorkloadIdentityFederationRulesAPI.h: kept at the generated client's path; everything is declared in openai_api.h. */
#include "../openai_api.h"

/* model/assigned_role_details_assignment_sources_inner.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

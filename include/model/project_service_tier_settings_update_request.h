/* model/project_service_tier_settings_update_request.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

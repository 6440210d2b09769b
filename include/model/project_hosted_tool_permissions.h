/* model/project_hosted_tool_permissions.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"

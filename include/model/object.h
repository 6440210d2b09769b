/* model/object.h: the generated client's free-form JSON value (object_t); everything is declared in openai_api.h. */
#include "../openai_api.h"

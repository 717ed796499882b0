/* Placeholder: the batch suite is being written. */
#include "test_support.h"

static void test_placeholder(void)
{
    CU_PASS("placeholder");
}

static CU_TestInfo tests[] = {{"placeholder", test_placeholder}, CU_TEST_INFO_NULL};

int main(void)
{
    return tme_run_suite("batch", tests);
}
